using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// An image above the tile threshold reaches the worker as a tile pyramid: the whole file is never downloaded, only
/// the overview and the tiles in view at the zoom's level, and boxes drawn on it land in image pixels.
/// </summary>
public sealed class LabelTiledImageTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private readonly Browser _browser;

    // A 1-megapixel threshold and 256-pixel tiles make a 3,000 × 2,000 image a 5-level pyramid.
    private readonly PortalFactory _portal = new(useKestrel: true, settings: new Dictionary<string, string?>
    {
        ["GroundTruth:TileThresholdPixels"] = "1000000",
        ["GroundTruth:TileSize"] = "256",
    });

    public LabelTiledImageTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task LargeImage_LoadsAsTilesAndBoxesAreInImagePixels()
    {
        // Arrange
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var worker = await _portal.CreateUserAsync("tiler@e2e.test", Roles.PrivateWorker);
        var requester = await _portal.CreateUserAsync("tilereq@e2e.test", Roles.Requester);
        var team = await _portal.CreateTeamAsync("tilers", worker);
        const string key = "e2e/large.png";
        var path = Path.Combine(_portal.DataFolder, "objects", key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, TestImages.Gradient(3000, 2000));
        var spec = Specs.Image(team, 1, "tiled-e2e") with { TaskType = TaskType.BoundingBox, LabelAttributeName = "boxes", Labels = [new("car"), new("tree")] };
        var job = await _portal.CreateJobAsync(spec, $$"""{"source-ref":"{{key}}"}""", requester);
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        var requests = new ConcurrentBag<string>();
        page.Request += (_, request) => requests.Add(new Uri(request.Url).AbsolutePath);
        await PortalPages.SignInAsync(page, "tiler@e2e.test", Password);
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);

        // Act: open the task, zoom to 1:1 near the middle, draw a box.
        await page.GetByTestId("start-working").ClickAsync();
        await CanvasPages.WaitReadyAsync(page);
        Assert.Contains(requests, r => r.EndsWith("/tiles", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.EndsWith("/tiles/4/0/0", StringComparison.Ordinal));
        await page.Keyboard.PressAsync("Shift+Digit1");
        Assert.Equal(1.0, await CanvasPages.ScaleAsync(page), 3);
        await page.WaitForFunctionAsync("() => performance.getEntriesByType('resource').some(e => /\\/tiles\\/0\\/\\d+\\/\\d+$/.test(e.name))");
        await page.Keyboard.PressAsync("1");
        await CanvasPages.DragAsync(page, (1400, 950), (1560, 1040));
        Assert.Equal(1, await CanvasPages.ShapeCountAsync(page));
        await page.WaitForTimeoutAsync(500);
        await Browser.ScreenshotAsync(page, "canvas-tiled-1to1");
        await page.GetByTestId("submit-task").ClickAsync();
        await Expect(page.GetByTestId("no-more-tasks")).ToBeVisibleAsync();

        // Assert: only tiles travelled, never the 3,000 × 2,000 file; the box is in image pixels.
        Assert.DoesNotContain(requests, r => r.EndsWith("/content", StringComparison.Ordinal)
            || (r.StartsWith("/api/task-data/", StringComparison.Ordinal) && !r.Contains("/tiles", StringComparison.Ordinal)));
        Assert.All(requests.Where(r => r.StartsWith("/api/", StringComparison.Ordinal) && r.Contains("/tiles", StringComparison.Ordinal)), r => Assert.StartsWith("/api/task-data/", r));
        var levelZero = requests.Where(r => r.Contains("/tiles/0/", StringComparison.Ordinal)).Distinct().Count();
        Assert.InRange(levelZero, 1, 40); // the view shows a few of the 12 × 8 full-resolution tiles, not all 96
        using var client = new HttpClient { BaseAddress = new Uri(_portal.ServerAddress) };
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, requester);
        var line = JsonNode.Parse((await client.GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!.AsObject();
        var box = line["boxes"]!["annotations"]![0]!;
        Assert.Equal(1400, box["left"]!.GetValue<double>(), 1.5);
        Assert.Equal(950, box["top"]!.GetValue<double>(), 1.5);
        Assert.Equal(160, box["width"]!.GetValue<double>(), 1.5);
        Assert.Equal(90, box["height"]!.GetValue<double>(), 1.5);
        Assert.Equal("""[{"width":3000,"height":2000,"depth":3}]""", line["boxes"]!["image_size"]!.ToJsonString());
    }
}
