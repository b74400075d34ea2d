using System.Runtime.InteropServices;
using SkiaSharp;

namespace GroundTruth.Core.Images;

/// <summary>One encoded tile of a pyramid.</summary>
/// <param name="Level">The pyramid level (0 = full resolution).</param>
/// <param name="Column">The tile column.</param>
/// <param name="Row">The tile row.</param>
/// <param name="Jpeg">The tile, JPEG-encoded.</param>
public sealed record Tile(int Level, int Column, int Row, byte[] Jpeg);

/// <summary>
/// Cuts an image into a <see cref="TileLayout"/> pyramid of JPEG tiles with SkiaSharp, streaming: the image is read one
/// band of tile-height rows at a time (scanline decoding), each band is cut into tiles and halved (2 × 2 box filter)
/// into the next level's band, so memory stays at about two bands of the full width whatever the image height —
/// a 20,000 × 20,000 PNG needs ~85 MB, not the 1.6 GB of its decoded pixels.
/// </summary>
/// <remarks>
/// Images with an EXIF orientation other than top-left, and formats SkiaSharp cannot decode by scanlines, are decoded
/// whole, oriented, and then cut the same way; tiles always show the image as displayed. Transparent pixels are
/// composited on white, since tiles are JPEG.
/// </remarks>
public static class TilePyramidBuilder
{
    /// <summary>JPEG quality of the tiles.</summary>
    public const int Quality = 88;

    /// <summary>Reads the image's displayed size and pyramid layout without decoding the pixels.</summary>
    /// <param name="image">A seekable image stream; left open.</param>
    /// <param name="tileSize">The tile side.</param>
    /// <returns>The layout, or <c>null</c> when the stream is not a decodable image.</returns>
    public static TileLayout? LayoutOf(Stream image, int tileSize = TileLayout.DefaultTileSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        var info = ImageProbe.Probe(image, out _);
        return info is null ? null : new TileLayout(info.Width, info.Height, tileSize);
    }

    /// <summary>Decodes <paramref name="image"/> and yields every tile of every level, level 0 first, row by row.</summary>
    /// <param name="image">A seekable image stream (JPEG, PNG or WebP); owned by the caller, read while enumerating.</param>
    /// <param name="tileSize">The tile side (even, at least 16).</param>
    /// <returns>The tiles; the layout is <see cref="LayoutOf"/>'s.</returns>
    public static IEnumerable<Tile> Build(Stream image, int tileSize = TileLayout.DefaultTileSize)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (tileSize < 16 || tileSize % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tileSize), tileSize, "Use an even tile size of at least 16.");
        }

        return BuildIterator(image, tileSize);
    }

    private static IEnumerable<Tile> BuildIterator(Stream image, int tileSize)
    {
        using var managed = new SKManagedStream(image, disposeManagedStream: false);
        using var codec = SKCodec.Create(managed) ?? throw new InvalidDataException("The file is not an image that can be decoded.");
        using var rows = RowSource.Open(codec);
        var layout = new TileLayout(rows.Width, rows.Height, tileSize);
        var bands = new Band[layout.LevelCount];
        for (var level = 0; level < bands.Length; level++)
        {
            bands[level] = new Band(layout.LevelSize(level).Width, tileSize);
        }

        var output = new List<Tile>();
        for (var read = 0; read < rows.Height;)
        {
            var count = Math.Min(tileSize, rows.Height - read);
            rows.Read(bands[0], count);
            read += count;
            Flush(bands, 0, tileSize, output);
            if (read == rows.Height)
            {
                // The image has ended: what the upper levels hold is their last band.
                for (var level = 1; level < bands.Length; level++)
                {
                    if (bands[level].Filled > 0)
                    {
                        Flush(bands, level, tileSize, output);
                    }
                }
            }

            foreach (var tile in output)
            {
                yield return tile;
            }

            output.Clear();
        }
    }

    // Cuts a full (or final) band into tiles, halves it into the next level, and cascades when that one fills.
    private static void Flush(Band[] bands, int level, int tileSize, List<Tile> output)
    {
        var band = bands[level];
        band.Cut(level, tileSize, output);
        if (level + 1 < bands.Length)
        {
            var next = bands[level + 1];
            for (var r = 0; r < band.Filled; r += 2)
            {
                band.HalveRowsInto(r, Math.Min(r + 1, band.Filled - 1), next);
                if (next.Filled == tileSize)
                {
                    Flush(bands, level + 1, tileSize, output);
                }
            }
        }

        band.Index++;
        band.Filled = 0;
    }

    /// <summary>Rows of RGBA pixels of one pyramid level, one tile-height band at a time.</summary>
    private sealed class Band
    {
        public Band(int width, int tileSize)
        {
            Width = width;
            RowBytes = width * 4;
            Pixels = GC.AllocateUninitializedArray<byte>(RowBytes * tileSize, pinned: true);
        }

        public int Width { get; }

        public int RowBytes { get; }

        public byte[] Pixels { get; }

        public int Filled { get; set; }

        public int Index { get; set; }

        public IntPtr Address(int row) => Marshal.UnsafeAddrOfPinnedArrayElement(Pixels, row * RowBytes);

        public void Cut(int level, int tileSize, List<Tile> output)
        {
            if (Filled == 0)
            {
                return;
            }

            for (int x = 0, column = 0; x < Width; x += tileSize, column++)
            {
                var width = Math.Min(tileSize, Width - x);
                var info = new SKImageInfo(width, Filled, SKColorType.Rgba8888, SKAlphaType.Opaque);
                using var pixmap = new SKPixmap(info, Marshal.UnsafeAddrOfPinnedArrayElement(Pixels, x * 4), RowBytes);
                using var data = pixmap.Encode(SKEncodedImageFormat.Jpeg, Quality)
                    ?? throw new InvalidOperationException("SkiaSharp could not encode a JPEG tile.");
                output.Add(new Tile(level, column, Index, data.ToArray()));
            }
        }

        // Averages rows a and b (2 × 2 pixels per output pixel; the last column pairs with itself) into next's next row.
        public void HalveRowsInto(int a, int b, Band next)
        {
            var top = Pixels.AsSpan(a * RowBytes, RowBytes);
            var bottom = Pixels.AsSpan(b * RowBytes, RowBytes);
            var target = next.Pixels.AsSpan(next.Filled * next.RowBytes, next.RowBytes);
            for (var x = 0; x < next.Width; x++)
            {
                var left = x * 8;
                var right = Math.Min(left + 4, RowBytes - 4);
                for (var c = 0; c < 4; c++)
                {
                    target[(x * 4) + c] = (byte)((top[left + c] + top[right + c] + bottom[left + c] + bottom[right + c] + 2) >> 2);
                }
            }

            next.Filled++;
        }
    }

    /// <summary>Reads the displayed image top to bottom, by scanlines when possible, else from a whole oriented decode.</summary>
    private sealed class RowSource : IDisposable
    {
        private readonly SKCodec? _codec;
        private readonly SKBitmap? _whole;
        private readonly bool _opaque;
        private int _next;

        private RowSource(SKCodec? codec, SKBitmap? whole, int width, int height, bool opaque)
        {
            (_codec, _whole, Width, Height, _opaque) = (codec, whole, width, height, opaque);
        }

        public int Width { get; }

        public int Height { get; }

        public static RowSource Open(SKCodec codec)
        {
            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            if (codec.EncodedOrigin == SKEncodedOrigin.TopLeft
                && codec.StartScanlineDecode(info) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
            {
                return new RowSource(codec, null, info.Width, info.Height, codec.Info.IsOpaque);
            }

            var whole = DecodeOriented(codec);
            return new RowSource(null, whole, whole.Width, whole.Height, opaque: true);
        }

        public void Read(Band band, int count)
        {
            if (_codec is not null)
            {
                var got = _codec.GetScanlines(band.Address(0), count, band.RowBytes);
                if (got < count)
                {
                    // A truncated file: Skia fills what it could not read; keep the tiles consistent rather than fail.
                    Array.Clear(band.Pixels, got * band.RowBytes, (count - got) * band.RowBytes);
                }

                if (!_opaque)
                {
                    OverWhite(band.Pixels.AsSpan(0, count * band.RowBytes));
                }
            }
            else
            {
                var source = _whole!.GetPixelSpan();
                source.Slice(_next * band.RowBytes, count * band.RowBytes).CopyTo(band.Pixels);
            }

            _next += count;
            band.Filled = count;
        }

        public void Dispose() => _whole?.Dispose();

        // Composites unpremultiplied RGBA on white, in place.
        private static void OverWhite(Span<byte> rgba)
        {
            for (var i = 0; i < rgba.Length; i += 4)
            {
                var a = rgba[i + 3];
                if (a == 255)
                {
                    continue;
                }

                var white = (255 - a) * 255;
                for (var c = 0; c < 3; c++)
                {
                    rgba[i + c] = (byte)(((rgba[i + c] * a) + white + 127) / 255);
                }

                rgba[i + 3] = 255;
            }
        }

        private static SKBitmap DecodeOriented(SKCodec codec)
        {
            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using var decoded = new SKBitmap(info);
            var result = codec.GetPixels(info, decoded.GetPixels());
            if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            {
                throw new InvalidDataException($"The image could not be decoded ({result}).");
            }

            var swaps = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
            var (w, h) = swaps ? (info.Height, info.Width) : (info.Width, info.Height);
            var oriented = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
            using var canvas = new SKCanvas(oriented);
            canvas.Clear(SKColors.White);
            canvas.SetMatrix(OriginMatrix(codec.EncodedOrigin, info.Width, info.Height));
            using var image = SKImage.FromBitmap(decoded);
            canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
            return oriented;
        }

        // Maps stored pixels to displayed pixels for each EXIF orientation.
        private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
    }
}
