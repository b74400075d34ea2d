using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// Semantic segmentation in a real browser: a requester creates the job through the form; two workers zoom in and
/// paint with the brush using the mouse, undo and redo a stroke, one reloads mid-task and finds the painted draft
/// restored; both submit. The output manifest's <c>-ref</c> PNG has the image's size, the road's class index where the
/// road was painted and 0 elsewhere, and <c>internal-color-map</c> lists the job's labels with the canvas' colours.
/// </summary>
public sealed class LabelSegmentationTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private const string Host = "[data-testid=annotator]";
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public LabelSegmentationTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task Segmentation_TwoWorkersPaintZoomedUndoRedoReloadSubmit_OutputRefIsTheVotedMask()
    {
        // Arrange: an 800 × 600 image, two workers, and a requester who creates the job through the form.
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var ids = new[] { await _portal.CreateUserAsync("ada@e2e.test", Roles.PrivateWorker), await _portal.CreateUserAsync("ben@e2e.test", Roles.PrivateWorker) };
        var requesterId = await _portal.CreateUserAsync("segreq@e2e.test", Roles.Requester);
        await _portal.CreateTeamAsync("painters", ids);
        const string key = "e2e/street.png";
        var imagePath = Path.Combine(_portal.DataFolder, "objects", key);
        Directory.CreateDirectory(Path.GetDirectoryName(imagePath)!);
        await File.WriteAllBytesAsync(imagePath, SampleImages.Draw("square", 7, 800, 600));
        var manifestPath = Path.Combine(_portal.DataFolder, "street.manifest");
        await File.WriteAllTextAsync(manifestPath, $$"""{"source-ref":"{{key}}"}""" + "\n");

        var requester = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requester, "segreq@e2e.test", Password);
        await requester.GotoAsync("/jobs/new");
        await PortalPages.WaitInteractiveAsync(requester);
        await requester.Locator("#job-name").FillAsync("street-segmentation-e2e");
        await requester.Locator("#job-attribute").FillAsync("regions");
        await PortalPages.ChooseAsync(requester, "job-task-type", "Semantic segmentation");
        // Choosing segmentation makes the attribute a '-ref' one, as Ground Truth requires.
        await Expect(requester.Locator("#job-attribute")).ToHaveValueAsync("regions-ref");
        await requester.Locator("#job-labels").FillAsync("sky\nroad");
        await PortalPages.ChooseAsync(requester, "job-team", "painters");
        await requester.Locator("#job-short").FillAsync("Paint the road and the sky.");
        await requester.Locator("#job-workers").FillAsync("2");
        await PortalPages.ChooseFileAsync(requester, "manifest", manifestPath);
        await requester.GetByTestId("create-job").ClickAsync();
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("InProgress");

        // Act: Ada paints a road stroke and a sky stroke zoomed in, erases a gap in the road, undoes and redoes the
        // eraser and the sky, reloads, submits.
        var ada = await OpenTaskAsync("ada@e2e.test");
        await PaintAsync(ada);
        var painted = await CountsAsync(ada);
        Assert.True(painted[2] > 1500 && painted[1] > 1500, $"painted {string.Join(",", painted)}");
        await ada.Keyboard.PressAsync("Control+z");
        var unerased = await CountsAsync(ada);
        Assert.True(unerased[2] > painted[2] + 40 && unerased[1] == painted[1], $"after undoing the eraser {string.Join(",", unerased)} (painted {string.Join(",", painted)})");
        await ada.Keyboard.PressAsync("Control+z");
        Assert.Equal(0, (await CountsAsync(ada))[1]);
        await ada.Keyboard.PressAsync("Control+Shift+z");
        await ada.Keyboard.PressAsync("Control+Shift+z");
        Assert.Equal(painted, await CountsAsync(ada));
        await Browser.ScreenshotAsync(ada, "canvas-segmentation");
        await Expect(ada.GetByTestId("draft-status")).ToContainTextAsync("Draft saved", new() { Timeout = 15_000 });
        await ada.ReloadAsync();
        await CanvasPages.WaitReadyAsync(ada);
        await Expect(ada.GetByTestId("draft-status")).ToHaveTextAsync("Your saved draft was restored.");
        Assert.Equal(painted, await CountsAsync(ada));
        await ada.GetByTestId("submit-task").ClickAsync();
        await Expect(ada.GetByTestId("no-more-tasks")).ToBeVisibleAsync();

        var ben = await OpenTaskAsync("ben@e2e.test");
        await PaintAsync(ben);
        await ben.Keyboard.PressAsync("Control+Enter");
        await Expect(ben.GetByTestId("no-more-tasks")).ToBeVisibleAsync();

        // Assert: the requester's page completes; the manifest line refers to the voted mask.
        await Expect(requester.GetByTestId("job-progress-text")).ToHaveTextAsync("100%", new() { Timeout = 30_000 });
        await Expect(requester.GetByTestId("job-status")).ToHaveTextAsync("Completed");
        await Expect(requester.GetByTestId("mask-link")).ToBeVisibleAsync();
        await requester.WaitForTimeoutAsync(800); // let the progress bar's transition finish before the screenshot
        await Browser.ScreenshotAsync(requester, "job-details-segmentation");
        using var client = new HttpClient { BaseAddress = new Uri(_portal.ServerAddress) };
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, requesterId);
        var job = (await client.GetFromJsonAsync<JsonElement[]>("/api/jobs"))!.Single().GetProperty("id").GetGuid();
        var line = JsonNode.Parse((await client.GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!.AsObject();
        var reference = line["regions-ref"]!.GetValue<string>();
        var metadata = line["regions-ref-metadata"]!.AsObject();
        Assert.Equal("groundtruth/semantic-segmentation", metadata["type"]!.GetValue<string>());
        Assert.Equal("labeling-job/street-segmentation-e2e", metadata["job-name"]!.GetValue<string>());
        var map = metadata["internal-color-map"]!.AsObject();
        Assert.Equal(
            [("0", "BACKGROUND", "#ffffff"), ("1", "sky", "#1f77b4"), ("2", "road", "#ff7f0e")],
            map.Select(p => (p.Key, p.Value!["class-name"]!.GetValue<string>(), p.Value["hex-color"]!.GetValue<string>())));
        Assert.InRange(map["1"]!["confidence"]!.GetValue<double>(), 0.9, 1.0);

        var png = await client.GetByteArrayAsync($"/api/jobs/{job}/files/{reference}");
        var mask = PalettePng.Decode(png);
        Assert.Null(mask.Problem);
        Assert.Equal((800, 600), (mask.Width, mask.Height));
        int At(int x, int y) => mask.Pixels[(y * 800) + x];
        Assert.Equal((2, 2, 2), (At(320, 400), At(400, 400), At(480, 400)));
        Assert.Equal(0, At(440, 400)); // erased
        Assert.Equal((1, 1), (At(320, 150), At(480, 150)));
        Assert.Equal((0, 0, 0, 0), (At(400, 380), At(400, 170), At(100, 500), At(700, 50)));
        var counts = new int[3];
        foreach (var p in mask.Pixels)
        {
            counts[p]++;
        }

        // Both workers painted the same strokes, so the vote keeps them (smoothing may trim a few edge pixels).
        Assert.InRange(counts[2], painted[2] * 0.9, painted[2] * 1.1);
        Assert.InRange(counts[1], painted[1] * 0.9, painted[1] * 1.1);

        // Colour readers see the internal-color-map colours.
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(SKColor.Parse("#ff7f0e"), bitmap.GetPixel(400, 400));
        Assert.Equal(SKColors.White, bitmap.GetPixel(100, 500));
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

    /// <summary>
    /// Zooms in away from 1:1, brushes a road stroke (label 2) and a sky stroke (label 1) with the mouse, then erases a
    /// gap across the road at x = 440.
    /// </summary>
    private static async Task PaintAsync(IPage page)
    {
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("+");
        var scale = await CanvasPages.ScaleAsync(page);
        Assert.True(scale is > 0.8 and (< 0.95 or > 1.05), $"zoom {scale}");
        Assert.Equal("brush", await page.EvaluateAsync<string>($"() => document.querySelector('{Host}').gtAnnotator.tool()"));
        await page.Keyboard.PressAsync("2");
        await CanvasPages.DragAsync(page, (300, 400), (500, 400));
        await page.Keyboard.PressAsync("1");
        await CanvasPages.DragAsync(page, (300, 150), (500, 150));

        // Edit: the eraser cuts a gap across the road stroke.
        await page.Keyboard.PressAsync("e");
        await CanvasPages.DragAsync(page, (440, 370), (440, 430));
    }

    /// <summary>Pixels of each class (0, 1, 2) in the canvas' mask.</summary>
    private static Task<int[]> CountsAsync(IPage page) =>
        page.EvaluateAsync<int[]>($$"""
            () => {
              const counts = [0, 0, 0];
              for (const v of document.querySelector('{{Host}}').gtAnnotator.core.mask.data) counts[v]++;
              return counts;
            }
            """);
}
