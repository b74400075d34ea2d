using System.Text.Json.Nodes;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>
/// Bounding boxes in a real browser: a worker zooms in with the keyboard and the wheel, draws boxes with the mouse,
/// undoes and redoes, reloads mid-task and finds the draft restored, submits, and the output manifest holds the boxes
/// in image pixels as <c>groundtruth/object-detection</c>.
/// </summary>
public sealed class LabelBoxTests : IClassFixture<Browser>, IAsyncLifetime
{
    private const string Password = "Test-pass1";
    private readonly Browser _browser;
    private readonly PortalFactory _portal = new(useKestrel: true);

    public LabelBoxTests(Browser browser) => _browser = browser;

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task BoundingBox_DrawZoomedUndoRedoReloadSubmit_OutputHasImagePixelBoxes()
    {
        // Arrange: one 800 × 600 image, one worker.
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var worker = await _portal.CreateUserAsync("boxer@e2e.test", Roles.PrivateWorker);
        var requester = await _portal.CreateUserAsync("boxreq@e2e.test", Roles.Requester);
        var team = await _portal.CreateTeamAsync("boxers", worker);
        var key = "e2e/boxes.png";
        var path = Path.Combine(_portal.DataFolder, "objects", key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, SampleImages.Draw("square", 3, 800, 600));
        var spec = Specs.Image(team, 1, "boxes-e2e") with
        {
            TaskType = TaskType.BoundingBox,
            LabelAttributeName = "bbox",
            Labels = [new("circle"), new("square")],
            ShortInstructions = "Draw a tight box around every shape.",
            TaskTimeLimitSeconds = 600,
        };
        var job = await _portal.CreateJobAsync(spec, $$"""{"source-ref":"{{key}}"}""", requester);
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "boxer@e2e.test", Password);
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);
        await page.GetByTestId("start-working").ClickAsync();
        await CanvasPages.WaitReadyAsync(page);
        var fitted = await CanvasPages.ScaleAsync(page);

        // Act: zoom in (keyboard three times, then the wheel), then draw two boxes with two labels.
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("+");
        var (cx, cy) = await CanvasPages.ToPageAsync(page, 400, 300);
        await page.Mouse.MoveAsync(cx, cy);
        await page.Mouse.WheelAsync(0, -120);
        var zoomed = await CanvasPages.ScaleAsync(page);
        Assert.True(zoomed > fitted * 1.8 && Math.Abs(zoomed - 1) > 0.1, $"zoom {zoomed} (fit {fitted})");
        await page.Keyboard.PressAsync("2");
        await CanvasPages.DragAsync(page, (300, 220), (420, 310));

        // A label key relabels the selected box, so clear the selection first.
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("1");
        await CanvasPages.DragAsync(page, (430, 320), (500, 370));
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(page));
        await page.Keyboard.PressAsync("Control+z");
        Assert.Equal(1, await CanvasPages.ShapeCountAsync(page));
        await page.Keyboard.PressAsync("Control+Shift+z");
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(page));

        // Edit: the select tool drags the square 20 image pixels right and down; undo puts it back, redo moves it again.
        await page.Keyboard.PressAsync("v");
        await CanvasPages.DragAsync(page, (360, 265), (380, 285));
        await AssertCornerAsync(page, 320, 240);
        await page.Keyboard.PressAsync("Control+z");
        await AssertCornerAsync(page, 300, 220);
        await page.Keyboard.PressAsync("Control+Shift+z");
        await AssertCornerAsync(page, 320, 240);
        await Browser.ScreenshotAsync(page, "canvas-bounding-box");

        // On a 1366-pixel screen the menu is folded to its icons on a task page, so the canvas gets most of the width.
        await Expect(page.GetByTestId("menu-toggle")).ToHaveAttributeAsync("aria-label", "Expand the menu");
        var canvas = await page.GetByTestId("annotator").BoundingBoxAsync();
        Assert.True(canvas!.Width >= 900, $"the annotator is {canvas.Width} px wide on a 1366-px screen");

        // The draft reaches the server within a few seconds, and a reload brings it back.
        // Drafts go every 2 s: wait until the server holds one with the moved box (a "Draft saved" from the drawing
        // alone would send the reload back to before the move).
        await Expect(page.GetByTestId("draft-status")).ToContainTextAsync("Draft saved", new() { Timeout = 10_000 });
        for (var i = 0; !DraftHasMovedSquare(await _portal.WithDbAsync(db => db.Assignments.Select(a => a.DraftJson).SingleAsync())); i++)
        {
            Assert.True(i < 50, "no draft with the moved square reached the server within 10 s");
            await Task.Delay(200);
        }
        await page.ReloadAsync();
        await CanvasPages.WaitReadyAsync(page);
        Assert.Equal(2, await CanvasPages.ShapeCountAsync(page));
        await Expect(page.GetByTestId("draft-status")).ToHaveTextAsync("Your saved draft was restored.");
        await page.GetByTestId("submit-task").ClickAsync();
        await Expect(page.GetByTestId("no-more-tasks")).ToBeVisibleAsync();

        // Assert: image-pixel coordinates, whatever the zoom was (one screen pixel is under half an image pixel here).
        using var client = new HttpClient { BaseAddress = new Uri(_portal.ServerAddress) };
        client.DefaultRequestHeaders.Add(TestAuthHandler.Header, requester);
        var output = await client.GetStringAsync($"/api/jobs/{job}/output-manifest");
        var line = JsonNode.Parse(output.Trim())!.AsObject();
        Assert.Equal("""[{"width":800,"height":600,"depth":3}]""", line["bbox"]!["image_size"]!.ToJsonString());
        var boxes = line["bbox"]!["annotations"]!.AsArray().Select(b => b!.AsObject()).OrderBy(b => b["left"]!.GetValue<double>()).ToList();
        Assert.Equal(2, boxes.Count);
        AssertBox(boxes[0], 1, 320, 240, 120, 90);
        AssertBox(boxes[1], 0, 430, 320, 70, 50);
        var metadata = line["bbox-metadata"]!.AsObject();
        Assert.Equal("groundtruth/object-detection", metadata["type"]!.GetValue<string>());
        Assert.Equal("""{"0":"circle","1":"square"}""", metadata["class-map"]!.ToJsonString());
        Assert.Equal(2, metadata["objects"]!.AsArray().Count);
    }

    // The first box's top-left corner, within what one screen pixel is in image pixels at this zoom.
    private static async Task AssertCornerAsync(IPage page, double left, double top)
    {
        var box = await CanvasPages.ShapeAsync(page, 0);
        Assert.Equal(left, box.GetProperty("left").GetDouble(), 0.6);
        Assert.Equal(top, box.GetProperty("top").GetDouble(), 0.6);
    }

    [Fact]
    public async Task ImageThatDoesNotLoad_SaysSo_AndSubmitRecordsNothing()
    {
        // Arrange: the worker's browser cannot fetch the task's image (the request is cut, as by a dropped network).
        _browser.RequireOrSkip();
        await _portal.CreateUserAsync("admin@e2e.test", Roles.Admin);
        var worker = await _portal.CreateUserAsync("boxer@e2e.test", Roles.PrivateWorker);
        var requester = await _portal.CreateUserAsync("boxreq@e2e.test", Roles.Requester);
        var team = await _portal.CreateTeamAsync("boxers", worker);
        const string key = "e2e/boxes.png";
        var path = Path.Combine(_portal.DataFolder, "objects", key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, SampleImages.Draw("square", 3, 800, 600));
        var spec = Specs.Image(team, 1, "boxes-e2e") with { TaskType = TaskType.BoundingBox, LabelAttributeName = "bbox", Labels = [new("circle"), new("square")] };
        await _portal.CreateJobAsync(spec, $$"""{"source-ref":"{{key}}"}""", requester);
        var page = await _browser.NewPageAsync(_portal.ServerAddress);
        await PortalPages.SignInAsync(page, "boxer@e2e.test", Password);
        await page.RouteAsync("**/api/task-data/**", route => route.AbortAsync());
        await page.GotoAsync("/work");
        await PortalPages.WaitInteractiveAsync(page);
        await page.GetByTestId("start-working").ClickAsync();

        // Act: the worker sees why, finds Submit disabled and tries the keyboard anyway.
        await Expect(page.GetByTestId("task-message")).ToContainTextAsync("Nothing was submitted", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("submit-task")).ToBeDisabledAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForTimeoutAsync(1500);

        // Assert: the task is still the worker's, and no answer was recorded.
        await Expect(page.GetByTestId("task-id")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("no-more-tasks")).ToHaveCountAsync(0);
        Assert.Equal(0, await _portal.WithDbAsync(db => db.Responses.CountAsync()));
    }

    private static bool DraftHasMovedSquare(string? draft) =>
        draft is not null && JsonNode.Parse(draft)?["boundingBoxes"] is JsonArray boxes
        && boxes.Any(b => b!["label"]!.GetValue<string>() == "square" && Math.Abs(b["left"]!.GetValue<double>() - 320) <= 0.6);

    private static void AssertBox(JsonObject box, int classId, double left, double top, double width, double height)
    {
        Assert.Equal(classId, box["class_id"]!.GetValue<int>());
        Assert.Equal(left, box["left"]!.GetValue<double>(), 0.6);
        Assert.Equal(top, box["top"]!.GetValue<double>(), 0.6);
        Assert.Equal(width, box["width"]!.GetValue<double>(), 1.1);
        Assert.Equal(height, box["height"]!.GetValue<double>(), 1.1);
    }
}
