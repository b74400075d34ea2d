using Bunit;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Tests.TestSupport;

namespace GroundTruth.Tests.Portal.Features.Labeling;

public sealed class ClassificationTaskTests : PortalTestContext
{
    private static TaskForWorker Task(TaskType type, int labels = 3, long id = 7) => new(
        id, Guid.NewGuid(), "job", type, [.. Enumerable.Range(0, labels).Select(i => new LabelCategory($"label-{i}"))],
        "Short", "Full", [], [], 42, type is TaskType.TextClassification or TaskType.TextMultiLabelClassification ? "some text" : null,
        320, 240, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5));

    private IRenderedComponent<ClassificationTask> RenderTask(TaskForWorker task, List<IReadOnlyList<string>> submissions, bool disabled = false) =>
        Render<ClassificationTask>(p => p
            .Add(c => c.Task, task)
            .Add(c => c.Disabled, disabled)
            .Add(c => c.OnSubmit, labels => submissions.Add(labels)));

    private static string[] Pressed(IRenderedComponent<ClassificationTask> cut) =>
        [.. cut.FindAll("[data-testid=label-choice][aria-pressed=true]").Select(b => b.GetAttribute("data-label")!)];

    [Fact]
    public void KeyDigit_SingleLabel_SelectsThatLabelOnly()
    {
        var submissions = new List<IReadOnlyList<string>>();
        var cut = RenderTask(Task(TaskType.ImageClassification), submissions);

        cut.Find("[data-testid=task-root]").KeyDown("2");
        cut.Find("[data-testid=task-root]").KeyDown("3");

        Assert.Equal(["label-2"], Pressed(cut));
        Assert.Empty(submissions);
    }

    [Fact]
    public void KeyEnter_AfterDigit_SubmitsChosenLabel()
    {
        var submissions = new List<IReadOnlyList<string>>();
        var cut = RenderTask(Task(TaskType.TextClassification), submissions);

        cut.Find("[data-testid=task-root]").KeyDown("1");
        cut.Find("[data-testid=task-root]").KeyDown("Enter");

        Assert.Equal(["label-0"], Assert.Single(submissions));
    }

    [Fact]
    public void KeyEnter_SingleLabelWithNothingChosen_DoesNotSubmit()
    {
        var submissions = new List<IReadOnlyList<string>>();
        var cut = RenderTask(Task(TaskType.ImageClassification), submissions);

        cut.Find("[data-testid=task-root]").KeyDown("Enter");

        Assert.Empty(submissions);
        Assert.True(cut.Find("[data-testid=submit-task]").HasAttribute("disabled"));
    }

    [Fact]
    public void KeyDigits_MultiLabel_ToggleAndSubmitInJobOrder()
    {
        var submissions = new List<IReadOnlyList<string>>();
        var cut = RenderTask(Task(TaskType.ImageMultiLabelClassification, labels: 4), submissions);
        var root = cut.Find("[data-testid=task-root]");

        root.KeyDown("4");
        cut.Find("[data-testid=task-root]").KeyDown("1");
        cut.Find("[data-testid=task-root]").KeyDown("2");
        cut.Find("[data-testid=task-root]").KeyDown("2");
        cut.Find("[data-testid=task-root]").KeyDown("Enter");

        Assert.Equal(["label-0", "label-3"], Assert.Single(submissions));
    }

    [Fact]
    public void KeyDigit_BeyondLabelCountOrWithCtrl_IsIgnored()
    {
        var submissions = new List<IReadOnlyList<string>>();
        var cut = RenderTask(Task(TaskType.ImageClassification, labels: 2), submissions);

        cut.Find("[data-testid=task-root]").KeyDown("5");
        cut.Find("[data-testid=task-root]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "1", CtrlKey = true });

        Assert.Empty(Pressed(cut));
    }

    [Fact]
    public void Keys_WhenDisabled_DoNothing()
    {
        var submissions = new List<IReadOnlyList<string>>();
        var cut = RenderTask(Task(TaskType.TextMultiLabelClassification), submissions, disabled: true);

        cut.Find("[data-testid=task-root]").KeyDown("1");
        cut.Find("[data-testid=task-root]").KeyDown("Enter");

        Assert.Empty(Pressed(cut));
        Assert.Empty(submissions);
    }

    [Fact]
    public void NewTask_ClearsPreviousChoice()
    {
        var submissions = new List<IReadOnlyList<string>>();
        var cut = RenderTask(Task(TaskType.ImageClassification), submissions);
        cut.Find("[data-testid=task-root]").KeyDown("1");

        cut.Render(p => p.Add(c => c.Task, Task(TaskType.ImageClassification, id: 8)));

        Assert.Empty(Pressed(cut));
        Assert.Equal(["1", "2", "3"], cut.FindAll(".gt-kbd").Take(3).Select(k => k.TextContent));
    }
}
