using System.Text.Json.Nodes;
using Bunit;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Tests.TestSupport;

namespace GroundTruth.Tests.Portal.Features.Labeling;

public sealed class AnnotationCanvasTests : PortalTestContext
{
    private const string Module = "./Features/Labeling/AnnotationCanvas.razor.js";

    private static TaskForWorker Task(string? draft = null, int width = 640, int height = 480) => new(
        9, Guid.NewGuid(), "boxes", TaskType.BoundingBox, [new("car"), new("person")], "Short", "Full", [], [], 42, null,
        width, height, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5)) { DraftJson = draft, ContentUrl = "/api/task-data/signed" };

    [Fact]
    public void Render_BoundingBoxTask_HandsTheTaskAndDraftToTheAnnotator()
    {
        var module = JSInterop.SetupModule(Module);

        var cut = Render<AnnotationCanvas>(p => p.Add(c => c.Task, Task("""{"boundingBoxes":[]}""")));

        var create = module.Invocations.Single(i => i.Identifier == "create");
        var options = System.Text.Json.JsonSerializer.SerializeToNode(create.Arguments[1])!;
        Assert.Equal("boundingBox", options["taskType"]!.GetValue<string>());
        Assert.Equal("""[{"label":"car","color":"#1f77b4"},{"label":"person","color":"#ff7f0e"}]""", options["labels"]!.ToJsonString());
        Assert.Equal("""{"url":"/api/task-data/signed","width":640,"height":480,"tiles":null}""", options["image"]!.ToJsonString());
        Assert.Equal("""{"boundingBoxes":[]}""", options["annotations"]!.GetValue<string>());
        // Submit waits for the browser to say the image and the draft are in.
        Assert.True(cut.Find("[data-testid=submit-task]").HasAttribute("disabled"));
        cut.InvokeAsync(() => cut.Instance.LoadedAsync());
        cut.WaitForAssertion(() => Assert.Equal("Your saved draft was restored.", cut.Find("[data-testid=draft-status]").TextContent));
        Assert.False(cut.Find("[data-testid=submit-task]").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData(4000, 4000, null)]
    [InlineData(4001, 4000, "/api/task-data/signed/tiles")]
    [InlineData(20000, 20000, "/api/task-data/signed/tiles")]
    public void Render_ImageOverTheTileThreshold_IsHandedOverAsTiles(int width, int height, string? tiles)
    {
        var module = JSInterop.SetupModule(Module);

        Render<AnnotationCanvas>(p => p.Add(c => c.Task, Task(width: width, height: height)));

        var options = System.Text.Json.JsonSerializer.SerializeToNode(module.Invocations.Single(i => i.Identifier == "create").Arguments[1])!;
        Assert.Equal(tiles, options["image"]!["tiles"]?.GetValue<string>());
    }

    [Fact]
    public async Task SubmitAsync_FromTheAnnotator_WrapsTheResultUnderTheCrowdElement()
    {
        JSInterop.SetupModule(Module);
        JsonObject? submitted = null;
        var cut = Render<AnnotationCanvas>(p => p.Add(c => c.Task, Task()).Add(c => c.OnSubmit, (JsonObject a) => submitted = a));

        await cut.InvokeAsync(() => cut.Instance.SubmitAsync("""{"boundingBoxes":[],"inputImageProperties":{"height":480,"width":640}}"""));

        Assert.Equal("""{"crowd-bounding-box":{"boundingBoxes":[],"inputImageProperties":{"height":480,"width":640}}}""", submitted!.ToJsonString());
    }

    [Fact]
    public async Task SaveDraftAsync_FromTheAnnotator_ForwardsTheJsonAndShowsWhenSaved()
    {
        JSInterop.SetupModule(Module);
        var drafts = new List<string>();
        var cut = Render<AnnotationCanvas>(p => p.Add(c => c.Task, Task()).Add(c => c.OnDraft, (string d) => drafts.Add(d)));

        await cut.InvokeAsync(() => cut.Instance.SaveDraftAsync("""{"boundingBoxes":[]}"""));

        Assert.Equal(["""{"boundingBoxes":[]}"""], drafts);
        Assert.StartsWith("Draft saved at", cut.Find("[data-testid=draft-status]").TextContent);
    }

    [Fact]
    public void Render_SegmentationAdjustment_SeedsTheEarlierMaskAndPaintsThroughTheMaskUpload()
    {
        var module = JSInterop.SetupModule(Module);
        const string Seed = """{"labelMappings":{"sky":{"color":"#1f77b4"}},"src":"/api/task-data/signed/earlier-mask"}""";
        var task = Task() with { TaskType = TaskType.SemanticSegmentationAdjustment, Labels = [new("sky")] };

        var cut = Render<AnnotationCanvas>(p => p.Add(c => c.Task, task).Add(c => c.InitialAnnotations, Seed));

        var options = System.Text.Json.JsonSerializer.SerializeToNode(module.Invocations.Single(i => i.Identifier == "create").Arguments[1])!;
        Assert.Equal(("semanticSegmentation", Seed, "/api/tasks/9/mask", null),
            (options["taskType"]!.GetValue<string>(), options["annotations"]!.GetValue<string>(), options["maskUrl"]!.GetValue<string>(), options["tool"]?.GetValue<string>()));
        Assert.Contains("Correct the earlier mask", cut.Markup, StringComparison.Ordinal);
    }
}
