using SkiaSharp;

namespace GroundTruth.Core.Images;

/// <summary>Reads an image's size and format from its header with SkiaSharp, without decoding the pixels.</summary>
public static class ImageProbe
{
    /// <summary>The largest accepted image file (2 GB; Ground Truth stops at 40 MB).</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// The largest accepted image (1 gigapixel; Ground Truth stops at 100 megapixels, CVAT at 179). Images above
    /// <see cref="TileLayout.DefaultThresholdPixels"/> reach the browser as a tile pyramid, so size costs no memory there.
    /// </summary>
    public const long MaxPixels = 1_000_000_000;

    /// <summary>Probes an image stream.</summary>
    /// <remarks>The stream is left open and at an unspecified position. WebP is accepted beside Ground Truth's JPEG and PNG.</remarks>
    /// <returns>The image's info, or <c>null</c> with <paramref name="error"/> when it is not a readable JPEG, PNG or WebP.</returns>
    public static ImageInfo? Probe(Stream stream, out string? error)
    {
        error = null;

        // SkiaSharp needs to seek and would dispose a stream it is handed; give it one it may own.
        using var buffered = stream.CanSeek ? null : new MemoryStream();
        if (buffered is not null)
        {
            stream.CopyTo(buffered);
            buffered.Position = 0;
        }

        using var managed = new SKManagedStream(buffered ?? stream, disposeManagedStream: false);
        using var codec = SKCodec.Create(managed, out var result);
        if (codec is null)
        {
            error = $"The file is not an image that can be decoded ({result}).";
            return null;
        }

        if (codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            error = $"{codec.EncodedFormat} images are not supported; use JPEG, PNG or WebP.";
            return null;
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            error = "The image has no pixels.";
            return null;
        }

        if ((long)width * height > MaxPixels)
        {
            error = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The image is {width} × {height} pixels; the limit is {MaxPixels / 1_000_000:N0} megapixels.");
            return null;
        }

        // Orientations 5–8 rotate by 90°, so the displayed width is the stored height.
        var swaps = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return swaps
            ? new ImageInfo(height, width, codec.EncodedFormat.ToString())
            : new ImageInfo(width, height, codec.EncodedFormat.ToString());
    }
}
