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
        Assert.Equal(("boundingBox", Earlier), (options["taskType"]!.GetValue<string>(), options["annotations"]!.GetValue<string>()));
        Assert.Equal(["car", "bus"], options["labels"]!.AsArray().Select(l => l!["label"]!.GetValue<string>()));
        Assert.Contains("The earlier job drew 2 shapes", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyboard_NumberThenEnter_SubmitsCategoryAndComment()
    {
        JSInterop.SetupModule(Module);
        JsonObject? submitted = null;
        var cut = Render<VerificationTask>(p => p.Add(c => c.Task, Task()).Add(c => c.OnSubmit, (JsonObject a) => submitted = a));
        cut.InvokeAsync(() => cut.Instance.LoadedAsync());
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

    private const string Mask = """{"labelMappings":{"sky":{"color":"#1f77b4"},"road":{"color":"#ff7f0e"}},"src":"/api/task-data/signed/earlier-mask"}""";

    private static TaskForWorker MaskTask(int width = 640, int height = 480) => new(
        9, Guid.NewGuid(), "verify", TaskType.SemanticSegmentationVerification, [new("Correct"), new("Incorrect")], "Short", "Full", [], [], 42, null,
        width, height, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5)) { EarlierLabelsJson = Mask, ContentUrl = "/api/task-data/signed" };

    [Fact]
    public void Render_MaskVerification_PaintsTheEarlierMaskWithALegendOfItsClasses()
    {
        var module = JSInterop.SetupModule(Module);

        var cut = Render<VerificationTask>(p => p.Add(c => c.Task, MaskTask()));

        var options = System.Text.Json.JsonSerializer.SerializeToNode(module.Invocations.Single(i => i.Identifier == "create").Arguments[1])!;
        Assert.Equal(("semanticSegmentation", """[{"label":"sky","color":"#1f77b4"},{"label":"road","color":"#ff7f0e"}]""", Mask),
            (options["taskType"]!.GetValue<string>(), options["labels"]!.ToJsonString(), options["annotations"]!.GetValue<string>()));
        Assert.Equal(["sky", "road"], cut.FindAll(".gt-mask-legend-item").Select(e => e.TextContent.Trim()));
        Assert.Contains("background:#ff7f0e", cut.FindAll(".gt-mask-swatch")[1].GetAttribute("style"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(640, 480, null)]
    [InlineData(4001, 4000, "/api/task-data/signed/tiles")]
    public void Render_ImageOverTheTileThreshold_IsHandedOverAsTiles(int width, int height, string? tiles)
    {
        var module = JSInterop.SetupModule(Module);

        Render<VerificationTask>(p => p.Add(c => c.Task, MaskTask(width, height)));

        var options = System.Text.Json.JsonSerializer.SerializeToNode(module.Invocations.Single(i => i.Identifier == "create").Arguments[1])!;
        Assert.Equal(tiles, options["image"]!["tiles"]?.GetValue<string>());
    }

    [Fact]
    public void Keyboard_O_HidesTheMaskAndShowsItAgainAtItsOpacity()
    {
        var module = JSInterop.SetupModule(Module);
        var view = module.SetupModule("create", _ => true);
        var cut = Render<VerificationTask>(p => p.Add(c => c.Task, MaskTask()));

        cut.Find("[data-testid=verification-task]").KeyDown("o");
        cut.Find("[data-testid=verification-task]").KeyDown("o");

        Assert.Equal([0.0, 1.0], view.Invocations.Where(i => i.Identifier == "setMaskOpacity").Select(i => (double)i.Arguments[0]!));
    }

    [Fact]
    public void Render_BoxVerification_ColoursEachClassByItsClassIdInTheEarlierClassMap()
    {
        // The earlier job listed bus as class 0 and car as class 3; this line draws car first.
        var module = JSInterop.SetupModule(Module);
        var task = Task() with
        {
            PreAnnotationsAttribute = "vehicles",
            ManifestLine = """{"source-ref":"a.png","vehicles-metadata":{"class-map":{"3":"car","0":"bus"},"type":"groundtruth/object-detection"}}""",
        };

        Render<VerificationTask>(p => p.Add(c => c.Task, task));

        var options = System.Text.Json.JsonSerializer.SerializeToNode(module.Invocations.Single(i => i.Identifier == "create").Arguments[1])!;
        Assert.Equal(
            [("car", SegmentationPalette.ColorOf(3)), ("bus", SegmentationPalette.ColorOf(0))],
            options["labels"]!.AsArray().Select(l => (l!["label"]!.GetValue<string>(), l["color"]!.GetValue<string>())));
    }

    [Fact]
    public void Keyboard_BeforeTheEarlierLabelsAreShown_DoesNotSubmit_AndAFailedLoadSaysWhy()
    {
        JSInterop.SetupModule(Module);
        var submitted = false;
        var cut = Render<VerificationTask>(p => p.Add(c => c.Task, MaskTask()).Add(c => c.OnSubmit, (JsonObject _) => submitted = true));

        cut.Find("[data-testid=verification-task]").KeyDown("1");
        cut.Find("[data-testid=verification-task]").KeyDown("Enter");
        cut.InvokeAsync(() => cut.Instance.LoadFailedAsync("Could not load image /api/task-data/signed/earlier-mask."));

        Assert.False(submitted);
        Assert.True(cut.Find("[data-testid=submit-task]").HasAttribute("disabled"));
        Assert.Contains("cannot be judged without it", cut.Find("[data-testid=task-message]").TextContent, StringComparison.Ordinal);
    }
}
