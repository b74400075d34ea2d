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
/// Chaining in a real browser: a bounding-box job's output manifest, downloaded by the requester, becomes the input of a
/// verification job and an adjustment job created through the job form. A verifier judges the earlier boxes with the
/// keyboard and leaves a comment; an adjuster resizes a box with the mouse while zoomed in. The downloaded output
/// manifests hold Ground Truth's label-verification and adjustment formats.
/// </summary>
public sealed class ReviewJobsTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";

    // Imports, consolidation and page updates can take more than Playwright's 5 s on a busy machine.
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public ReviewJobsTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task VerificationAndAdjustment_ChainedOnDownloadedBoxOutput_WriteVerdictsCommentsAndAdjustedBoxes()
    {
        // Arrange: a finished two-image box job, its answers seeded through the labeling service.
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var requester = await _portal.CreateUserAsync("chain@e2e.test", Roles.Requester);
        var boxer = await _portal.CreateUserAsync("boxer@e2e.test", Roles.PrivateWorker);
        var verifier = await _portal.CreateUserAsync("verifier@e2e.test", Roles.PrivateWorker);
        var adjuster = await _portal.CreateUserAsync("adjuster@e2e.test", Roles.PrivateWorker);
        var boxers = await _portal.CreateTeamAsync("boxers", boxer);
        await _portal.CreateTeamAsync("verifiers", verifier);
        await _portal.CreateTeamAsync("adjusters", adjuster);
        var manifest = string.Join('\n', Enumerable.Range(0, 2).Select(i =>
        {
            var key = $"e2e/chain-{i}.png";
            var path = Path.Combine(_portal.DataFolder, "objects", key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, SampleImages.Draw(i == 0 ? "square" : "circle", i, 800, 600));
            return $$"""{"source-ref":"{{key}}"}""";
        }));
        var spec = Specs.Image(boxers, 1, "boxes-chain") with { TaskType = TaskType.BoundingBox, LabelAttributeName = "bbox", Labels = [new("circle"), new("square")] };
        var boxJob = await _portal.CreateJobAsync(spec, manifest, requester);
        await SeedAnswerAsync(boxJob, boxer, """{"height":90,"label":"square","left":300,"top":220,"width":120}""", """{"height":50,"label":"circle","left":430,"top":320,"width":70}""");
        await SeedAnswerAsync(boxJob, boxer, """{"height":100,"label":"circle","left":100,"top":80,"width":100}""");

        // The requester downloads the box job's output manifest and chains two jobs on it through the form.
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "chain@e2e.test", Password);
        await page.GotoAsync($"/jobs/{boxJob}");
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed", Slow);
        // Before the circuit is up, a click can land on the prerendered link as the page swaps it out.
        await PortalPages.WaitInteractiveAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        var boxOutput = Path.Combine(_portal.DataFolder, "boxes-chain-output.manifest");
        await download.SaveAsAsync(boxOutput);
        var verifyJob = await CreateReviewJobAsync(page, "verify-boxes", "verify-bbox", "Bounding box verification", "verifiers", boxOutput,
            "Correct\nIncorrect\nNeeds adjustment", screenshot: "review-create-verification-job");
        var adjustJob = await CreateReviewJobAsync(page, "adjust-boxes", "adjusted-bbox", "Bounding box adjustment", "adjusters", boxOutput,
            labels: null, screenshot: "review-create-adjustment-job");

        // Act 1: the verifier sees the earlier boxes read-only and answers with the keyboard.
        var verifierPage = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(verifierPage, "verifier@e2e.test", Password);
        await StartWorkingAsync(verifierPage);
        await Expect(verifierPage.GetByTestId("verification-task")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(verifierPage));

        // The overlay is read-only: a drag across the square pans instead of drawing, and Delete removes nothing.
        var before = await CanvasPages.ScaleAsync(verifierPage);
        await CanvasPages.DragAsync(verifierPage, (320, 240), (400, 300));
        await verifierPage.Keyboard.PressAsync("Delete");
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(verifierPage));
        Assert.Equal(before, await CanvasPages.ScaleAsync(verifierPage));
        await verifierPage.Locator("#verification-comment").FillAsync("The circle's box is too small.");
        await CanvasPages.WaitReadyAsync(verifierPage);
        await verifierPage.GetByTestId("verification-task").FocusAsync();
        await verifierPage.Keyboard.PressAsync("3");
        await Expect(verifierPage.Locator("[data-testid=label-choice][aria-pressed=true]")).ToHaveAttributeAsync("data-label", "Needs adjustment");
        await verifierPage.WaitForTimeoutAsync(400); // MudBlazor's button colour transition, for the screenshot
        await Browser.ScreenshotAsync(verifierPage, "review-verification-task");
        await verifierPage.Keyboard.PressAsync("Enter");
        await Expect(verifierPage.Locator("[data-testid=label-choice][aria-pressed=true]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await CanvasPages.WaitReadyAsync(verifierPage);
        Assert.Equal(1, await CanvasPages.ShapeCountAsync(verifierPage));
        await CanvasPages.WaitReadyAsync(verifierPage);
        await verifierPage.GetByTestId("verification-task").FocusAsync();
        await verifierPage.Keyboard.PressAsync("1");
        await verifierPage.Keyboard.PressAsync("Enter");
        await Expect(verifierPage.GetByTestId("no-more-tasks")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Act 2: the adjuster starts from the earlier boxes, zooms in and drags the circle box's corner with the mouse;
        // the second image is submitted untouched.
        var adjusterPage = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(adjusterPage, "adjuster@e2e.test", Password);
        await StartWorkingAsync(adjusterPage);
        await CanvasPages.WaitReadyAsync(adjusterPage);
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(adjusterPage));
        await adjusterPage.Keyboard.PressAsync("+");
        await adjusterPage.Keyboard.PressAsync("+");
        await adjusterPage.Keyboard.PressAsync("+");
        var scale = await CanvasPages.ScaleAsync(adjusterPage);
        Assert.True(Math.Abs(scale - 1) > 0.1, $"zoom {scale}");
        await adjusterPage.Keyboard.PressAsync("v");
        await CanvasPages.ClickAsync(adjusterPage, 465, 345);
        await CanvasPages.DragAsync(adjusterPage, (500, 370), (520, 390));
        await Browser.ScreenshotAsync(adjusterPage, "review-adjustment-task");
        // The task number is read before the click: the next task can arrive before a read after it.
        var firstTask = await adjusterPage.GetByTestId("task-id").TextContentAsync() ?? "";
        await adjusterPage.GetByTestId("submit-task").ClickAsync();
        await Expect(adjusterPage.GetByTestId("task-id")).Not.ToHaveTextAsync(firstTask, new() { Timeout = 15_000 });
        await CanvasPages.WaitReadyAsync(adjusterPage);
        Assert.Equal(1, await CanvasPages.ShapeCountAsync(adjusterPage));
        await adjusterPage.GetByTestId("submit-task").ClickAsync();
        await Expect(adjusterPage.GetByTestId("no-more-tasks")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Assert: the requester downloads both output manifests.
        var verified = await DownloadOutputAsync(page, verifyJob);
        Assert.NotNull(verified[0]["bbox"]);
        Assert.Equal(2, verified[0]["verify-bbox"]!.GetValue<int>());
        var verdict = verified[0]["verify-bbox-metadata"]!.AsObject();
        Assert.Equal(("Needs adjustment", "groundtruth/label-verification", "The circle's box is too small."),
            (verdict["class-name"]!.GetValue<string>(), verdict["type"]!.GetValue<string>(), verdict["worker-feedback"]!.AsArray().Single()!["comment"]!.GetValue<string>()));
        Assert.Equal(("Correct", 0), (verified[1]["verify-bbox-metadata"]!["class-name"]!.GetValue<string>(), verified[1]["verify-bbox"]!.GetValue<int>()));
        Assert.Null(verified[1]["verify-bbox-metadata"]!["worker-feedback"]);

        var adjusted = await DownloadOutputAsync(page, adjustJob);
        var boxes = adjusted[0]["adjusted-bbox"]!["annotations"]!.AsArray().Select(b => b!.AsObject()).OrderBy(b => b["left"]!.GetValue<double>()).ToList();
        AssertBox(boxes[0], 1, 300, 220, 120, 90);
        AssertBox(boxes[1], 0, 430, 320, 90, 70);
        Assert.Equal("adjusted", adjusted[0]["adjusted-bbox-metadata"]!["adjustment-status"]!.GetValue<string>());
        Assert.Equal("groundtruth/object-detection", adjusted[0]["adjusted-bbox-metadata"]!["type"]!.GetValue<string>());
        Assert.Equal("unadjusted", adjusted[1]["adjusted-bbox-metadata"]!["adjustment-status"]!.GetValue<string>());
        AssertBox(adjusted[1]["adjusted-bbox"]!["annotations"]![0]!.AsObject(), 0, 100, 80, 100, 100);
    }

    private async Task SeedAnswerAsync(Guid job, string worker, params string[] boxes)
    {
        var labeling = _portal.Get<LabelingService>();
        var task = await labeling.ClaimNextAsync(job, worker) ?? throw new InvalidOperationException("Nothing to claim.");
        var answer = JsonNode.Parse("""{"crowd-bounding-box":{"boundingBoxes":[""" + string.Join(',', boxes) + """],"inputImageProperties":{"height":600,"width":800}}}""")!.AsObject();
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

        // The form finds the earlier job's attribute in the manifest and fills it in (and, for adjustment, its labels).
        await Expect(page.GetByTestId("reviewed-attribute-option")).ToHaveAttributeAsync("data-attribute", "bbox");
        await Expect(page.Locator("#job-reviewed-attribute")).ToHaveValueAsync("bbox");
        if (labels is null)
        {
            await Expect(page.Locator("#job-labels")).ToHaveValueAsync("circle\nsquare");
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

    private static async Task<List<JsonObject>> DownloadOutputAsync(IPage page, Guid job)
    {
        await page.GotoAsync($"/jobs/{job}");
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed", Slow);
        // Before the circuit is up, a click can land on the prerendered link as the page swaps it out.
        await PortalPages.WaitInteractiveAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        return [.. (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    private static void AssertBox(JsonObject box, int classId, double left, double top, double width, double height)
    {
        Assert.Equal(classId, box["class_id"]!.GetValue<int>());
        Assert.Equal(left, box["left"]!.GetValue<double>(), 1.1);
        Assert.Equal(top, box["top"]!.GetValue<double>(), 1.1);
        Assert.Equal(width, box["width"]!.GetValue<double>(), 1.1);
        Assert.Equal(height, box["height"]!.GetValue<double>(), 1.1);
    }
}
