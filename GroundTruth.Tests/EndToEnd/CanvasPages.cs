using System.Text.Json;
using Microsoft.Playwright;

namespace GroundTruth.Tests.EndToEnd;

/// <summary>What a worker does on the image canvas, as real mouse and keyboard steps in image coordinates.</summary>
public static class CanvasPages
{
    private const string Host = "[data-testid=annotator]";

    /// <summary>Waits until the annotator has loaded the image and any draft, and the task page knows it.</summary>
    public static async Task WaitReadyAsync(IPage page)
    {
        await page.WaitForFunctionAsync($"() => document.querySelector('{Host}')?.gtAnnotator");
        await page.EvaluateAsync($"() => document.querySelector('{Host}').gtAnnotator.ready");

        // The task page hears of it through the circuit; until then Submit (and a verdict) is not taken.
        await page.WaitForSelectorAsync("[data-loaded=true]");
    }

    /// <summary>The page coordinates (CSS pixels) of an image point, from the annotator's current view.</summary>
    public static async Task<(float X, float Y)> ToPageAsync(IPage page, double imageX, double imageY)
    {
        var point = await page.EvaluateAsync<JsonElement>($$"""
            ([ix, iy]) => {
              const a = document.querySelector('{{Host}}').gtAnnotator;
              const r = a.stage.getBoundingClientRect();
              const v = a.core.viewport;
              return { x: r.left + ix * v.scale + v.x, y: r.top + iy * v.scale + v.y };
            }
            """, new[] { imageX, imageY });
        return ((float)point.GetProperty("x").GetDouble(), (float)point.GetProperty("y").GetDouble());
    }

    /// <summary>The current zoom (screen pixels per image pixel).</summary>
    public static Task<double> ScaleAsync(IPage page) =>
        page.EvaluateAsync<double>($"() => document.querySelector('{Host}').gtAnnotator.core.viewport.scale");

    /// <summary>Number of shapes on the canvas.</summary>
    public static Task<int> ShapeCountAsync(IPage page) =>
        page.EvaluateAsync<int>($"() => document.querySelector('{Host}').gtAnnotator.shapes().length");

    /// <summary>The <paramref name="index"/>-th shape (in drawing order) as its crowd-element item, in image pixels.</summary>
    public static Task<JsonElement> ShapeAsync(IPage page, int index) =>
        page.EvaluateAsync<JsonElement>($"i => document.querySelector('{Host}').gtAnnotator.shapes()[i].shape", index);

    /// <summary>Presses, drags and releases the left button between two image points.</summary>
    public static async Task DragAsync(IPage page, (double X, double Y) from, (double X, double Y) to)
    {
        var (x1, y1) = await ToPageAsync(page, from.X, from.Y);
        var (x2, y2) = await ToPageAsync(page, to.X, to.Y);
        await page.Mouse.MoveAsync(x1, y1);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x2, y2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }

    /// <summary>Clicks an image point.</summary>
    public static async Task ClickAsync(IPage page, double x, double y)
    {
        var (px, py) = await ToPageAsync(page, x, y);
        await page.Mouse.ClickAsync(px, py);
    }
}
