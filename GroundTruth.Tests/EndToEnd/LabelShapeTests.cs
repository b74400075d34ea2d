using System.Text.Json.Nodes;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// Polygons, polylines and keypoints in a real browser, zoomed in: clicked with the mouse, closed or finished with
/// Enter, one undone and redone, submitted; the output manifest holds the custom task's
/// <c>annotatedResult</c> in image pixels.
/// </summary>
public sealed class LabelShapeTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public LabelShapeTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Theory]
    [InlineData(TaskType.Polygon, "polygons")]
    [InlineData(TaskType.Polyline, "polylines")]
    [InlineData(TaskType.Keypoint, "keypoints")]
    public async Task Shape_DrawnZoomedAndSubmitted_OutputHasImagePixelVertices(TaskType type, string list)
    {
        // Arrange
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var worker = await _portal.CreateUserAsync("shaper@e2e.test", Roles.PrivateWorker);
        var requester = await _portal.CreateUserAsync("shapereq@e2e.test", Roles.Requester);
        var team = await _portal.CreateTeamAsync("shapers", worker);
        const string key = "e2e/shapes.png";
        var path = Path.Combine(_portal.DataFolder, "objects", key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, SampleImages.Draw("triangle", 5, 800, 600));
        var spec = Specs.Image(team, 1, $"{list}-e2e") with
        {
            TaskType = type, LabelAttributeName = "marks", Labels = [new("edge"), new("corner")], TaskTimeLimitSeconds = 600,
        };
        var job = await _portal.CreateJobAsync(spec, $$"""{"source-ref":"{{key}}"}""", requester);
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "shaper@e2e.test", Password);
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);
        await page.GetByTestId("start-working").ClickAsync();
        await CanvasPages.WaitReadyAsync(page);

        // Act: zoom in, then click the vertices (every point is an image pixel).
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("+");
        Assert.True(await CanvasPages.ScaleAsync(page) is > 0.8 and (< 0.95 or > 1.05));
        (double X, double Y)[] points = type == TaskType.Keypoint ? [(320, 240), (450, 330)] : [(320, 240), (450, 250), (420, 360)];
        await page.Keyboard.PressAsync("2");
        foreach (var (x, y) in points)
        {
            await CanvasPages.ClickAsync(page, x, y);
        }

        if (type != TaskType.Keypoint)
        {
            await page.Keyboard.PressAsync("Enter");
        }

        var expected = type == TaskType.Keypoint ? 2 : 1;
        Assert.Equal(expected, await CanvasPages.ShapeCountAsync(page));
        await page.Keyboard.PressAsync("Control+z");
        Assert.Equal(expected - 1, await CanvasPages.ShapeCountAsync(page));
        await page.Keyboard.PressAsync("Control+Shift+z");
        Assert.Equal(expected, await CanvasPages.ShapeCountAsync(page));

        // Edit: the select tool drags the first vertex (or keypoint) 40 left and 30 up; undo and redo that too.
        await page.Keyboard.PressAsync("v");
        if (type != TaskType.Keypoint)
        {
            // Pick the shape out first (inside a polygon, on a polyline's first segment); then its vertices have handles.
            var (sx, sy) = type == TaskType.Polygon
                ? (points.Average(p => p.X), points.Average(p => p.Y))
                : ((points[0].X + points[1].X) / 2, (points[0].Y + points[1].Y) / 2);
            await CanvasPages.ClickAsync(page, sx, sy);
        }

        var moved = (X: points[0].X - 40, Y: points[0].Y - 30);
        await CanvasPages.DragAsync(page, points[0], moved);
        AssertNear(moved, await FirstPointAsync(page, type));
        await page.Keyboard.PressAsync("Control+z");
        AssertNear(points[0], await FirstPointAsync(page, type));
        await page.Keyboard.PressAsync("Control+Shift+z");
        AssertNear(moved, await FirstPointAsync(page, type));
        points[0] = moved;
        await Browser.ScreenshotAsync(page, $"canvas-{list}");
        await page.GetByTestId("submit-task").ClickAsync();
        await Expect(page.GetByTestId("no-more-tasks")).ToBeVisibleAsync();

        // Assert
        using var client = new HttpClient { BaseAddress = new Uri(_portal.ServerAddress) };
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, requester);
        var line = JsonNode.Parse((await client.GetStringAsync($"/api/jobs/{job}/output-manifest")).Trim())!.AsObject();
        Assert.Equal("groundtruth/custom", line["marks-metadata"]!["type"]!.GetValue<string>());
        var result = line["marks"]!["annotatedResult"]!.AsObject();
        Assert.Equal("""{"height":600,"width":800}""", result["inputImageProperties"]!.ToJsonString());
        var drawn = type == TaskType.Keypoint
            ? result[list]!.AsArray().Select(p => (p!["x"]!.GetValue<double>(), p["y"]!.GetValue<double>())).ToList()
            : result[list]![0]!["vertices"]!.AsArray().Select(p => (p!["x"]!.GetValue<double>(), p["y"]!.GetValue<double>())).ToList();
        Assert.Equal(points.Length, drawn.Count);
        for (var i = 0; i < points.Length; i++)
        {
            Assert.Equal(points[i].X, drawn[i].Item1, 1.0);
            Assert.Equal(points[i].Y, drawn[i].Item2, 1.0);
        }

        Assert.All(result[list]!.AsArray(), s => Assert.Equal("corner", s!["label"]!.GetValue<string>()));

        // The requester sees the consolidated shapes over the image on the job page, and large on a click.
        var requesterPage = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(requesterPage, "shapereq@e2e.test", Password);
        await requesterPage.GotoAsync($"/jobs/{job}");
        await PortalPages.WaitInteractiveAsync(requesterPage);
        await Expect(requesterPage.GetByTestId("shape-thumb").Locator("[data-label=corner]")).ToHaveCountAsync(expected);
        await Expect(requesterPage.GetByTestId("objects-table")).ToContainTextAsync($"{expected} × corner");
        await Browser.ScreenshotAsync(requesterPage, $"job-shape-thumbnail-{list}");
        await requesterPage.GetByTestId("shape-thumb").ClickAsync();
        var preview = requesterPage.GetByTestId("shape-preview-svg");
        await Expect(preview.Locator("[data-label=corner]")).ToHaveCountAsync(expected);
        Assert.Equal("0 0 800 600", await preview.GetAttributeAsync("viewBox"));
        var first = type switch
        {
            TaskType.Keypoint => $"{await preview.Locator("circle").First.GetAttributeAsync("cx")},{await preview.Locator("circle").First.GetAttributeAsync("cy")}",
            TaskType.Polygon => (await preview.Locator("polygon").GetAttributeAsync("points"))!.Split(' ')[0],
            _ => (await preview.Locator("polyline").GetAttributeAsync("points"))!.Split(' ')[0],
        };
        var xy = first.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(drawn[0].Item1, xy[0], 0.01);
        Assert.Equal(drawn[0].Item2, xy[1], 0.01);
        await Expect(requesterPage.GetByTestId("shape-legend")).ToContainTextAsync($"corner × {expected}");
        await Browser.ScreenshotAsync(requesterPage, $"job-shape-preview-{list}");
    }

    // The first shape's first vertex (a keypoint's point), in image pixels.
    private static async Task<(double X, double Y)> FirstPointAsync(IPage page, TaskType type)
    {
        var shape = await CanvasPages.ShapeAsync(page, 0);
        var point = type == TaskType.Keypoint ? shape : shape.GetProperty("vertices")[0];
        return (point.GetProperty("x").GetDouble(), point.GetProperty("y").GetDouble());
    }

    // Within one image pixel: at this zoom a screen pixel is a little over one image pixel.
    private static void AssertNear((double X, double Y) expected, (double X, double Y) actual)
    {
        Assert.True(Math.Abs(expected.X - actual.X) <= 1.0 && Math.Abs(expected.Y - actual.Y) <= 1.0, $"expected {expected}, was {actual}");
    }
}
