using System.Text.Json.Nodes;
using Bunit;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Tests.TestSupport;

namespace GroundTruth.Tests.Portal.Features.Labeling;

public sealed class VerificationTaskTests : PortalTestContext
{
    private const string Module = "./Features/Labeling/VerificationTask.razor.js";
    private const string Earlier = """{"boundingBoxes":[{"height":5,"label":"car","left":1,"top":2,"width":3},{"height":5,"label":"bus","left":9,"top":2,"width":3}],"inputImageProperties":{"height":480,"width":640}}""";

    private static TaskForWorker Task() => new(
        9, Guid.NewGuid(), "verify", TaskType.BoundingBoxVerification, [new("Correct"), new("Incorrect")], "Short", "Full", [], [], 42, null,
        640, 480, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5)) { EarlierLabelsJson = Earlier };

    [Fact]
    public void Render_BoxVerification_ShowsTheEarlierBoxesReadOnly()
    {
        var module = JSInterop.SetupModule(Module);

        var cut = Render<VerificationTask>(p => p.Add(c => c.Task, Task()));

        var options = System.Text.Json.JsonSerializer.SerializeToNode(module.Invocations.Single(i => i.Identifier == "create").Arguments[1])!;
        Assert.Equal(("boundingBox", """["car","bus"]""", Earlier), (options["taskType"]!.GetValue<string>(), options["labels"]!.ToJsonString(), options["annotations"]!.GetValue<string>()));
        Assert.Contains("The earlier job drew 2 shapes", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyboard_NumberThenEnter_SubmitsCategoryAndComment()
    {
        JSInterop.SetupModule(Module);
        JsonObject? submitted = null;
        var cut = Render<VerificationTask>(p => p.Add(c => c.Task, Task()).Add(c => c.OnSubmit, (JsonObject a) => submitted = a));
        cut.Find("#verification-comment").Change("The bus box is too wide.");

        cut.Find("[data-testid=verification-task]").KeyDown("2");
        cut.Find("[data-testid=verification-task]").KeyDown("Enter");

        Assert.Equal("""{"crowd-image-classifier":{"label":"Incorrect","workerComment":"The bus box is too wide."}}""", submitted!.ToJsonString());
    }

    [Fact]
    public void Keyboard_EnterWithoutChoice_DoesNotSubmit()
    {
        JSInterop.SetupModule(Module);
        var submitted = false;
        var cut = Render<VerificationTask>(p => p.Add(c => c.Task, Task()).Add(c => c.OnSubmit, (JsonObject _) => submitted = true));

        cut.Find("[data-testid=verification-task]").KeyDown("Enter");

        Assert.False(submitted);
    }
}
