using SkiaSharp;

namespace GroundTruth.Core.Images;

/// <summary>Draws simple labeled pictures (a shape on a background) for demos, tests and benchmarks.</summary>
public static class SampleImages
{
    /// <summary>The shapes <see cref="Draw"/> can draw; also the demo job's labels.</summary>
    public static IReadOnlyList<string> Shapes { get; } = ["circle", "square", "triangle"];

    /// <summary>Draws <paramref name="shape"/> in a random colour and place, encoded as PNG.</summary>
    /// <param name="shape">One of <see cref="Shapes"/>.</param>
    /// <param name="seed">Seed for colour and position, so the same call gives the same picture.</param>
    /// <param name="width">Image width.</param>
    /// <param name="height">Image height.</param>
    public static byte[] Draw(string shape, int seed, int width = 320, int height = 240)
    {
        var random = new Random(seed);
        var info = new SKImageInfo(width, height);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColor.FromHsl(random.Next(360), 30, 92));
        using var paint = new SKPaint { Color = SKColor.FromHsl(random.Next(360), 70, 45), IsAntialias = true };
        var size = Math.Min(width, height) * (0.3f + (0.3f * (float)random.NextDouble()));
        var cx = (width / 2f) + ((float)random.NextDouble() - 0.5f) * (width - size) * 0.6f;
        var cy = (height / 2f) + ((float)random.NextDouble() - 0.5f) * (height - size) * 0.6f;
        switch (shape)
        {
            case "circle":
                canvas.DrawCircle(cx, cy, size / 2, paint);
                break;
            case "square":
                canvas.DrawRect(cx - (size / 2), cy - (size / 2), size, size, paint);
                break;
            case "triangle":
                using (var builder = new SKPathBuilder())
                {
                    builder.MoveTo(cx, cy - (size / 2));
                    builder.LineTo(cx + (size / 2), cy + (size / 2));
                    builder.LineTo(cx - (size / 2), cy + (size / 2));
                    builder.Close();
                    using var path = builder.Detach();
                    canvas.DrawPath(path, paint);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown shape.");
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
