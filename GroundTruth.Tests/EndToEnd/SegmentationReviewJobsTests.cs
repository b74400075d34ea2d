using System.Text.Json.Nodes;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// Chaining on masks in a real browser: a semantic-segmentation job's output manifest, downloaded by the requester,
/// becomes the input of a verification job and an adjustment job created through the job form. A verifier sees the
/// earlier mask over the image, hides it with O, and judges it by keyboard with a comment; an adjuster paints over the
/// seeded mask with the brush. The output manifests hold label-verification with worker-feedback, and a new '-ref'
/// mask with the painted pixels and adjustment-status "adjusted".
/// </summary>
public sealed class SegmentationReviewJobsTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private const string Host = "[data-testid=annotator]";
    private const int Width = 800;
    private const int Height = 600;

    // Imports, consolidation and page updates can take more than Playwright's 5 s on a busy machine.
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public SegmentationReviewJobsTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task VerificationAndAdjustment_ChainedOnDownloadedMaskOutput_WriteVerdictCommentAndRepaintedMask()
    {
        // Arrange: a finished one-image segmentation job (sky band on top, a road block below), its mask seeded.
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var requester = await _portal.CreateUserAsync("maskchain@e2e.test", Roles.Requester);
        var painter = await _portal.CreateUserAsync("painter@e2e.test", Roles.PrivateWorker);
        var verifierId = await _portal.CreateUserAsync("maskverifier@e2e.test", Roles.PrivateWorker);
        var adjusterId = await _portal.CreateUserAsync("maskadjuster@e2e.test", Roles.PrivateWorker);
        var painters = await _portal.CreateTeamAsync("painters", painter);
        await _portal.CreateTeamAsync("mask-verifiers", verifierId);
        await _portal.CreateTeamAsync("mask-adjusters", adjusterId);
        const string key = "e2e/street-review.png";
        var imagePath = Path.Combine(_portal.DataFolder, "objects", key);
        Directory.CreateDirectory(Path.GetDirectoryName(imagePath)!);
        await File.WriteAllBytesAsync(imagePath, SampleImages.Draw("square", 3, Width, Height));
        var spec = Specs.Image(painters, 1, "streets-chain") with { TaskType = TaskType.SemanticSegmentation, LabelAttributeName = "regions-ref", Labels = [new("sky"), new("road")] };
        var segmentationJob = await _portal.CreateJobAsync(spec, $$"""{"source-ref":"{{key}}"}""", requester);
        await SeedMaskAsync(segmentationJob, painter);

        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "maskchain@e2e.test", Password);
        await page.GotoAsync($"/jobs/{segmentationJob}");
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed", Slow);
        // Before the circuit is up, a click can land on the prerendered link as the page swaps it out.
        await PortalPages.WaitInteractiveAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        var output = Path.Combine(_portal.DataFolder, "streets-chain-output.manifest");
        await download.SaveAsAsync(output);
        var verifyJob = await CreateReviewJobAsync(page, "verify-streets", "verify-regions", "Semantic segmentation verification", "mask-verifiers", output, "Correct\nIncorrect");
        var adjustJob = await CreateReviewJobAsync(page, "adjust-streets", "regions-fixed", "Semantic segmentation adjustment", "mask-adjusters", output, labels: null);

        // Act 1: the verifier sees the mask over the image, hides and shows it with O, and answers by keyboard.
        var verifier = await OpenTaskAsync("maskverifier@e2e.test");
        await Expect(verifier.GetByTestId("verification-task")).ToBeVisibleAsync();
        var shown = await CountsAsync(verifier);
        Assert.True(shown[1] == Width * 120 && shown[2] == 300 * 100, $"overlay {string.Join(",", shown)}");
        await Expect(verifier.GetByTestId("mask-legend")).ToContainTextAsync("sky");
        await CanvasPages.WaitReadyAsync(verifier);
        await verifier.GetByTestId("verification-task").FocusAsync();
        await verifier.Keyboard.PressAsync("o");
        await WaitOpacityAsync(verifier, 0);
        await verifier.Keyboard.PressAsync("o");
        await WaitOpacityAsync(verifier, 1);
        await verifier.Locator("#verification-comment").FillAsync("The road block is cut off on the left.");
        await CanvasPages.WaitReadyAsync(verifier);
        await verifier.GetByTestId("verification-task").FocusAsync();
        await verifier.Keyboard.PressAsync("2");
        await Expect(verifier.Locator("[data-testid=label-choice][aria-pressed=true]")).ToHaveAttributeAsync("data-label", "Incorrect");
        await verifier.WaitForTimeoutAsync(400); // MudBlazor's button colour transition, for the screenshot
        await Browser.ScreenshotAsync(verifier, "segmentation-verification-task");
        await verifier.Keyboard.PressAsync("Enter");
        await Expect(verifier.GetByTestId("no-more-tasks")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Act 2: the adjuster finds the earlier mask painted in and brushes more road across the sky-free middle.
        var adjuster = await OpenTaskAsync("maskadjuster@e2e.test");
        Assert.Equal(shown, await CountsAsync(adjuster));
        Assert.Equal("brush", await adjuster.EvaluateAsync<string>($"() => document.querySelector('{Host}').gtAnnotator.tool()"));
        await adjuster.Keyboard.PressAsync("2");
        await CanvasPages.DragAsync(adjuster, (300, 250), (500, 250));
        Assert.True((await CountsAsync(adjuster))[2] > shown[2] + 1500, "the brush painted road");
        await Browser.ScreenshotAsync(adjuster, "segmentation-adjustment-task");
        await adjuster.GetByTestId("submit-task").ClickAsync();
        await Expect(adjuster.GetByTestId("no-more-tasks")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Assert: the requester downloads both output manifests.
        var verified = await DownloadOutputAsync(page, verifyJob);
        Assert.NotNull(verified["regions-ref"]);
        Assert.Equal(1, verified["verify-regions"]!.GetValue<int>());
        var verdict = verified["verify-regions-metadata"]!.AsObject();
        Assert.Equal(("Incorrect", "groundtruth/label-verification", "The road block is cut off on the left."),
            (verdict["class-name"]!.GetValue<string>(), verdict["type"]!.GetValue<string>(), verdict["worker-feedback"]!.AsArray().Single()!["comment"]!.GetValue<string>()));

        var adjusted = await DownloadOutputAsync(page, adjustJob);
        Assert.Equal(verified["regions-ref"]!.GetValue<string>(), adjusted["regions-ref"]!.GetValue<string>());
        var metadata = adjusted["regions-fixed-ref-metadata"]!.AsObject();
        Assert.Equal(("groundtruth/semantic-segmentation", "adjusted"), (metadata["type"]!.GetValue<string>(), metadata["adjustment-status"]!.GetValue<string>()));
        Assert.Equal(["BACKGROUND", "sky", "road"], metadata["internal-color-map"]!.AsObject().Select(p => p.Value!["class-name"]!.GetValue<string>()));
        using var client = new HttpClient { BaseAddress = new Uri(_portal.ServerAddress) };
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, requester);
        var mask = PalettePng.Decode(await client.GetByteArrayAsync($"/api/jobs/{adjustJob}/files/{adjusted["regions-fixed-ref"]!.GetValue<string>()}"));
        int At(int x, int y) => mask.Pixels[(y * Width) + x];
        Assert.Equal((2, 2, 2), (At(320, 250), At(400, 250), At(480, 250)));
        Assert.Equal((2, 1, 0, 0), (At(400, 400), At(400, 50), At(400, 300), At(100, 500)));
    }

    /// <summary>Submits the segmentation answer: sky (1) in the top 120 rows, road (2) in x 250–549, y 350–449.</summary>
    private async Task SeedMaskAsync(Guid job, string worker)
    {
        var pixels = new byte[Width * Height];
        Array.Fill(pixels, (byte)1, 0, Width * 120);
        for (var y = 350; y < 450; y++)
        {
            Array.Fill(pixels, (byte)2, (y * Width) + 250, 300);
        }

        var labeling = _portal.Get<LabelingService>();
        var task = await labeling.ClaimNextAsync(job, worker) ?? throw new InvalidOperationException("Nothing to claim.");
        var png = PalettePng.Encode(pixels, Width, Height, SegmentationPalette.Rgb(2));
        var answer = new JsonObject
        {
            ["crowd-semantic-segmentation"] = new JsonObject { ["labeledImage"] = new JsonObject { ["pngImageData"] = Convert.ToBase64String(png) } },
        };
        var outcome = await labeling.SubmitAnswerAsync(task, worker, answer);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    private static async Task<Guid> CreateReviewJobAsync(IPage page, string name, string attribute, string type, string team, string manifestPath, string? labels)
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

        // The form offers the earlier mask's '-ref' attribute and, for adjustment, its classes as the labels.
        await Expect(page.GetByTestId("reviewed-attribute-option")).ToHaveAttributeAsync("data-attribute", "regions-ref");
        await Expect(page.Locator("#job-reviewed-attribute")).ToHaveValueAsync("regions-ref");
        if (labels is null)
        {
            await Expect(page.Locator("#job-attribute")).ToHaveValueAsync(attribute + "-ref");
            await Expect(page.Locator("#job-labels")).ToHaveValueAsync("sky\nroad");
        }

        await page.GetByTestId("create-job").ClickAsync();
        await Expect(page.GetByTestId("job-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("InProgress", Slow);
        return Guid.Parse(page.Url.Split('/')[^1]);
    }

    private async Task<IPage> OpenTaskAsync(string email)
    {
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, email, Password);
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);
        await page.GetByTestId("start-working").ClickAsync();
        await CanvasPages.WaitReadyAsync(page);
        return page;
    }

    /// <summary>Waits for the page's key handler (on the server) to set the mask's opacity in the browser.</summary>
    private static async Task WaitOpacityAsync(IPage page, double opacity) =>
        await page.WaitForFunctionAsync($"o => document.querySelector('{Host}').gtAnnotator.core.maskOpacity === o", opacity, new() { Timeout = 10_000 });

    /// <summary>Pixels of each class (0, 1, 2) in the canvas' mask.</summary>
    private static Task<int[]> CountsAsync(IPage page) =>
        page.EvaluateAsync<int[]>($$"""
            () => {
              const counts = [0, 0, 0];
              for (const v of document.querySelector('{{Host}}').gtAnnotator.core.mask.data) counts[v]++;
              return counts;
            }
            """);

    private static async Task<JsonObject> DownloadOutputAsync(IPage page, Guid job)
    {
        await page.GotoAsync($"/jobs/{job}");
        await Expect(page.GetByTestId("job-status")).ToHaveTextAsync("Completed", Slow);
        // Before the circuit is up, a click can land on the prerendered link as the page swaps it out.
        await PortalPages.WaitInteractiveAsync(page);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-output").ClickAsync());
        return JsonNode.Parse((await File.ReadAllLinesAsync(await download.PathAsync())).Single(l => l.Length > 0))!.AsObject();
    }
}
