using System.Text.Json.Nodes;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// Polygon chaining in a real browser: a polygon job's output manifest, downloaded by the requester, becomes the input
/// of a polygon verification job and a polygon adjustment job created through the job form. A verifier judges the
/// earlier outlines with the keyboard and leaves a comment; an adjuster drags one vertex while zoomed in. The downloaded
/// output manifests hold Ground Truth's label-verification and custom (adjusted) formats.
/// </summary>
public sealed class PolygonReviewJobsTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private const string Square = """{"label":"square","vertices":[{"x":300,"y":220},{"x":420,"y":220},{"x":420,"y":310},{"x":300,"y":310}]}""";
    private const string Circle = """{"label":"circle","vertices":[{"x":430,"y":320},{"x":500,"y":320},{"x":465,"y":370}]}""";
    private const string Other = """{"label":"circle","vertices":[{"x":100,"y":80},{"x":200,"y":80},{"x":150,"y":180}]}""";

    // Imports, consolidation and page updates can take more than Playwright's 5 s on a busy machine.
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public PolygonReviewJobsTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task PolygonVerificationAndAdjustment_ChainedOnDownloadedPolygonOutput_WriteVerdictsCommentsAndMovedVertex()
    {
        // Arrange: a finished two-image polygon job, its answers seeded through the labeling service.
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var requester = await _portal.CreateUserAsync("polyreq@e2e.test", Roles.Requester);
        var outliner = await _portal.CreateUserAsync("outliner@e2e.test", Roles.PrivateWorker);
        var verifier = await _portal.CreateUserAsync("polyverifier@e2e.test", Roles.PrivateWorker);
        var adjuster = await _portal.CreateUserAsync("polyadjuster@e2e.test", Roles.PrivateWorker);
        var outliners = await _portal.CreateTeamAsync("outliners", outliner);
        await _portal.CreateTeamAsync("polygon-verifiers", verifier);
        await _portal.CreateTeamAsync("polygon-adjusters", adjuster);
        var manifest = string.Join('\n', Enumerable.Range(0, 2).Select(i =>
        {
            var key = $"e2e/poly-chain-{i}.png";
            var path = Path.Combine(_portal.DataFolder, "objects", key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, SampleImages.Draw(i == 0 ? "square" : "circle", i, 800, 600));
            return $$"""{"source-ref":"{{key}}"}""";
        }));
        var spec = Specs.Image(outliners, 1, "polygons-chain") with { TaskType = TaskType.Polygon, LabelAttributeName = "outline", Labels = [new("circle"), new("square")] };
        var polygonJob = await _portal.CreateJobAsync(spec, manifest, requester);
        await SeedAnswerAsync(polygonJob, outliner, Square, Circle);
        await SeedAnswerAsync(polygonJob, outliner, Other);

        // The requester downloads the polygon job's output manifest and chains two jobs on it through the form.
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "polyreq@e2e.test", Password);
        await page.GotoAsync($"/jobs/{polygonJob}");
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed", Slow);
        // Before the circuit is up, a click can land on the prerendered link as the page swaps it out.
        await PortalPages.WaitInteractiveAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        var polygonOutput = Path.Combine(_portal.DataFolder, "polygons-chain-output.manifest");
        await download.SaveAsAsync(polygonOutput);
        var verifyJob = await CreateReviewJobAsync(page, "verify-polygons", "verify-outline", "Polygon verification", "polygon-verifiers", polygonOutput,
            "Correct\nIncorrect\nNeeds adjustment", screenshot: "polygon-review-create-verification-job");
        var adjustJob = await CreateReviewJobAsync(page, "adjust-polygons", "adjusted-outline", "Polygon adjustment", "polygon-adjusters", polygonOutput,
            labels: null, screenshot: "polygon-review-create-adjustment-job");

        // Act 1: the verifier sees the earlier outlines read-only and answers with the keyboard.
        var verifierPage = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(verifierPage, "polyverifier@e2e.test", Password);
        await StartWorkingAsync(verifierPage);
        await Expect(verifierPage.GetByTestId("verification-task")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(verifierPage));
        Assert.Equal(["polygon", "polygon"], await ShapeTypesAsync(verifierPage));
        await verifierPage.Locator("#verification-comment").FillAsync("The square's outline misses a corner.");
        await CanvasPages.WaitReadyAsync(verifierPage);
        await verifierPage.GetByTestId("verification-task").FocusAsync();
        await verifierPage.Keyboard.PressAsync("2");
        await Expect(verifierPage.Locator("[data-testid=label-choice][aria-pressed=true]")).ToHaveAttributeAsync("data-label", "Incorrect");
        await verifierPage.WaitForTimeoutAsync(400); // MudBlazor's button colour transition, for the screenshot
        await Browser.ScreenshotAsync(verifierPage, "polygon-review-verification-task");
        await verifierPage.Keyboard.PressAsync("Enter");
        await Expect(verifierPage.Locator("[data-testid=label-choice][aria-pressed=true]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
        await CanvasPages.WaitReadyAsync(verifierPage);
        Assert.Equal(1, await CanvasPages.ShapeCountAsync(verifierPage));
        await CanvasPages.WaitReadyAsync(verifierPage);
        await verifierPage.GetByTestId("verification-task").FocusAsync();
        await verifierPage.Keyboard.PressAsync("1");
        await verifierPage.Keyboard.PressAsync("Enter");
        await Expect(verifierPage.GetByTestId("no-more-tasks")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // Act 2: the adjuster starts from the earlier outlines, zooms in, selects the circle's triangle and drags its
        // bottom vertex; the second image is submitted untouched.
        var adjusterPage = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(adjusterPage, "polyadjuster@e2e.test", Password);
        await StartWorkingAsync(adjusterPage);
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(adjusterPage));
        await adjusterPage.Keyboard.PressAsync("+");
        await adjusterPage.Keyboard.PressAsync("+");
        await adjusterPage.Keyboard.PressAsync("+");
        var scale = await CanvasPages.ScaleAsync(adjusterPage);
        Assert.True(Math.Abs(scale - 1) > 0.1, $"zoom {scale}");
        await adjusterPage.Keyboard.PressAsync("v");
        await CanvasPages.ClickAsync(adjusterPage, 465, 335);
        await CanvasPages.DragAsync(adjusterPage, (465, 370), (480, 395));
        await Browser.ScreenshotAsync(adjusterPage, "polygon-review-adjustment-task");
        var firstTask = await adjusterPage.GetByTestId("task-id").TextContentAsync() ?? "";
        await adjusterPage.GetByTestId("submit-task").ClickAsync();
        await Expect(adjusterPage.GetByTestId("task-id")).Not.ToHaveTextAsync(firstTask, new() { Timeout = 15_000 });
        await CanvasPages.WaitReadyAsync(adjusterPage);
        Assert.Equal(1, await CanvasPages.ShapeCountAsync(adjusterPage));
        await adjusterPage.GetByTestId("submit-task").ClickAsync();
        await Expect(adjusterPage.GetByTestId("no-more-tasks")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // Assert: the requester downloads both output manifests.
        var verified = await DownloadOutputAsync(page, verifyJob);
        Assert.NotNull(verified[0]["outline"]);
        Assert.Equal(1, verified[0]["verify-outline"]!.GetValue<int>());
        var verdict = verified[0]["verify-outline-metadata"]!.AsObject();
        Assert.Equal(("Incorrect", "groundtruth/label-verification", "The square's outline misses a corner."),
            (verdict["class-name"]!.GetValue<string>(), verdict["type"]!.GetValue<string>(), verdict["worker-feedback"]!.AsArray().Single()!["comment"]!.GetValue<string>()));
        Assert.Equal(("Correct", 0, "groundtruth/label-verification"),
            (verified[1]["verify-outline-metadata"]!["class-name"]!.GetValue<string>(), verified[1]["verify-outline"]!.GetValue<int>(),
             verified[1]["verify-outline-metadata"]!["type"]!.GetValue<string>()));
        Assert.Null(verified[1]["verify-outline-metadata"]!["worker-feedback"]);

        var adjusted = await DownloadOutputAsync(page, adjustJob);
        var polygons = adjusted[0]["adjusted-outline"]!["annotatedResult"]!["polygons"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["label"]!.GetValue<string>());
        AssertVertices(polygons["square"], (300, 220), (420, 220), (420, 310), (300, 310));
        AssertVertices(polygons["circle"], (430, 320), (500, 320), (480, 395));
        Assert.Equal(("adjusted", "groundtruth/custom"),
            (adjusted[0]["adjusted-outline-metadata"]!["adjustment-status"]!.GetValue<string>(), adjusted[0]["adjusted-outline-metadata"]!["type"]!.GetValue<string>()));
        Assert.Equal("unadjusted", adjusted[1]["adjusted-outline-metadata"]!["adjustment-status"]!.GetValue<string>());
        AssertVertices(adjusted[1]["adjusted-outline"]!["annotatedResult"]!["polygons"]![0]!.AsObject(), (100, 80), (200, 80), (150, 180));
    }

    private async Task SeedAnswerAsync(Guid job, string worker, params string[] polygons)
    {
        var labeling = _portal.Get<LabelingService>();
        var task = await labeling.ClaimNextAsync(job, worker) ?? throw new InvalidOperationException("Nothing to claim.");
        var answer = JsonNode.Parse("""{"crowd-polygon":{"inputImageProperties":{"height":600,"width":800},"polygons":[""" + string.Join(',', polygons) + "]}}")!.AsObject();
        var outcome = await labeling.SubmitAnswerAsync(task, worker, answer);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    private static async Task<Guid> CreateReviewJobAsync(IPage page, string name, string attribute, string type, string team, string manifestPath, string? labels, string screenshot)
    {
        await page.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(page);
        await page.Locator("#job-name").FillAsync(name);
        await page.Locator("#job-attribute").FillAsync(attribute);
        await PortalPages.ChooseAsync(page, "job-task-type", type);
        if (labels is not null)
        {
            await page.Locator("#job-labels").FillAsync(labels);
        }

        await PortalPages.ChooseAsync(page, "job-team", team);
        await page.Locator("#job-workers").FillAsync("1");
        await PortalPages.ChooseFileAsync(page, "manifest", manifestPath);

        // The form finds the polygon job's attribute in the manifest and fills it in (and, for adjustment, its labels:
        // custom output has no class-map, so they come in the order the outlines first name them).
        await Expect(page.GetByTestId("reviewed-attribute-option")).ToHaveAttributeAsync("data-attribute", "outline");
        await Expect(page.Locator("#job-reviewed-attribute")).ToHaveValueAsync("outline");
        if (labels is null)
        {
            await Expect(page.Locator("#job-labels")).ToHaveValueAsync("square\ncircle");
        }

        await Browser.ScreenshotAsync(page, screenshot);
        await page.GetByTestId("create-job").ClickAsync();
        await Expect(page.GetByTestId("job-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("InProgress", Slow);
        return Guid.Parse(page.Url.Split('/')[^1]);
    }

    private static async Task StartWorkingAsync(IPage page)
    {
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);
        await page.GetByTestId("start-working").ClickAsync();
        await CanvasPages.WaitReadyAsync(page);
    }

    private static Task<string[]> ShapeTypesAsync(IPage page) =>
        page.EvaluateAsync<string[]>("() => document.querySelector('[data-testid=annotator]').gtAnnotator.shapes().map(s => s.type)");

    private static async Task<List<JsonObject>> DownloadOutputAsync(IPage page, Guid job)
    {
        await page.GotoAsync($"/jobs/{job}");
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed", Slow);
        // Before the circuit is up, a click can land on the prerendered link as the page swaps it out.
        await PortalPages.WaitInteractiveAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        return [.. (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    private static void AssertVertices(JsonObject polygon, params (double X, double Y)[] expected)
    {
        var vertices = polygon["vertices"]!.AsArray().Select(v => (X: v!["x"]!.GetValue<double>(), Y: v["y"]!.GetValue<double>())).ToList();
        Assert.Equal(expected.Length, vertices.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].X, vertices[i].X, 1.1);
            Assert.Equal(expected[i].Y, vertices[i].Y, 1.1);
        }
    }
}
