using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;
using SkiaSharp;

namespace GroundTruth.Tests.Core.Segmentation;

public class SegmentationMaskTests
{
    private static readonly ImageSize Image = new(6, 4);

    /// <summary>A 6 × 4 mask: background with a 2 × 2 square of class <paramref name="value"/> at (1, 1).</summary>
    public static byte[] Square(byte value, int width = 6, int height = 4)
    {
        var pixels = new byte[width * height];
        pixels[(1 * width) + 1] = pixels[(1 * width) + 2] = pixels[(2 * width) + 1] = pixels[(2 * width) + 2] = value;
        return PalettePng.Encode(pixels, width, height, SegmentationPalette.Rgb(Math.Max(2, (int)value)));
    }

    [Fact]
    public void Check_MaskOfImageSizeWithJobLabels_IsAcceptedAndDecoded()
    {
        var check = SegmentationMask.Check(Square(2), Image, labelCount: 2);

        Assert.Null(check.Problem);
        Assert.Equal((6, 4), (check.Mask!.Width, check.Mask.Height));
        Assert.Equal(2, check.Mask.Pixels[7]);
        Assert.Equal(4 * 2, check.Mask.Pixels.Sum(p => p));
    }

    [Fact]
    public void Check_WrongSize_IsRejectedNamingBothSizes()
    {
        var check = SegmentationMask.Check(Square(1, 5, 4), Image, labelCount: 2);

        Assert.Equal("The mask is 5 × 4 pixels but the image is 6 × 4; the mask must have the image's size.", check.Problem);
    }

    [Fact]
    public void Check_IndexBeyondTheLabels_IsRejectedNamingThePixel()
    {
        var check = SegmentationMask.Check(Square(3), Image, labelCount: 2);

        Assert.Equal("Pixel (1, 1) has class index 3, but this job has 2 labels (0 = background, 1–2 = the labels in order).", check.Problem);
    }

    [Fact]
    public void Check_NotAPng_IsRejected()
    {
        var check = SegmentationMask.Check("hello, not an image"u8, Image, labelCount: 2);

        Assert.Equal("The mask is not a readable PNG image.", check.Problem);
    }

    [Fact]
    public void Check_RgbaPng_IsRejectedAsNotPalette()
    {
        using var bitmap = new SKBitmap(6, 4);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        var check = SegmentationMask.Check(data.ToArray(), Image, labelCount: 2);

        Assert.StartsWith("The mask must be an 8-bit palette PNG", check.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RgbaPngOfWrongSize_IsRejectedForItsSizeFirst()
    {
        using var bitmap = new SKBitmap(5, 4);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        var check = SegmentationMask.Check(data.ToArray(), Image, labelCount: 2);

        Assert.Equal("The mask is 5 × 4 pixels but the image is 6 × 4; the mask must have the image's size.", check.Problem);
    }

    [Fact]
    public void Check_HeaderChunkTooShort_IsRejectedNotThrown()
    {
        // A 12-byte IHDR (the interlace byte missing) with a valid CRC.
        var png = Square(1);
        var chunk = new byte[4 + 12];
        "IHDR"u8.CopyTo(chunk);
        png.AsSpan(16, 12).CopyTo(chunk.AsSpan(4));
        var malformed = new List<byte>(png.AsSpan(0, 8).ToArray());
        malformed.AddRange([0, 0, 0, 12]);
        malformed.AddRange(chunk);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(chunk));
        malformed.AddRange(crc);
        malformed.AddRange(png.AsSpan(8 + 25).ToArray());

        var check = SegmentationMask.Check(malformed.ToArray(), Image, labelCount: 2);

        Assert.Equal("The mask PNG's header is malformed.", check.Problem);
    }

    [Fact]
    public void Check_CorruptPixelData_IsRejected()
    {
        var png = Square(1);
        var idat = IndexOf(png, "IDAT"u8) + 4;
        png[idat + 3] ^= 0xff;

        var check = SegmentationMask.Check(png, Image, labelCount: 2);

        Assert.NotNull(check.Problem);
    }

    [Fact]
    public void Check_LargerThanTheCap_IsRejectedBeforeDecoding()
    {
        var check = SegmentationMask.Check(new byte[SegmentationMask.MaxBytes + 1], Image, labelCount: 2);

        Assert.StartsWith("The mask is 33,554,433 bytes; at most", check.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_FilteredScanlines_GivesTheIndices(byte filter)
    {
        var pixels = new byte[] { 0, 1, 1, 2, 2, 0, 1, 1, 2, 0, 0, 2 };
        var png = FilteredPng(pixels, 4, 3, filter);

        var decoded = PalettePng.Decode(png);

        Assert.Null(decoded.Problem);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Encode_Palette_IsWhiteThenTheLabelColours()
    {
        var png = PalettePng.Encode(new byte[] { 0, 1, 2 }, 3, 1, SegmentationPalette.Rgb(2));
        using var bitmap = SKBitmap.Decode(png);

        Assert.Equal(
            [new SKColor(255, 255, 255), SKColor.Parse(SegmentationPalette.ColorOf(0)), SKColor.Parse(SegmentationPalette.ColorOf(1))],
            [bitmap.GetPixel(0, 0), bitmap.GetPixel(1, 0), bitmap.GetPixel(2, 0)]);
    }

    [Fact]
    public void InternalColorMap_Labels_FollowsGroundTruthShape()
    {
        var map = SegmentationMask.InternalColorMap([new("buildings"), new("road")], 0.9);

        Assert.Equal(
            """{"0":{"class-name":"BACKGROUND","confidence":0.9,"hex-color":"#ffffff"},"1":{"class-name":"buildings","confidence":0.9,"hex-color":"#1f77b4"},"2":{"class-name":"road","confidence":0.9,"hex-color":"#ff7f0e"}}""",
            map.ToJsonString());
    }

    [Fact]
    public void Palette_FiftyColours_AreDistinctAndNeverWhite()
    {
        Assert.Equal(SegmentationPalette.MaxLabels, SegmentationPalette.Colors.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(SegmentationPalette.BackgroundColor, SegmentationPalette.Colors);
        Assert.Equal(SegmentationPalette.MaxLabels, TaskTypes.Get(TaskType.SemanticSegmentation).MaxLabels);
    }

    [Fact]
    public void Validate_AnswerReferringToAStoredMask_IsAcceptedAndWrongSizeIsNot()
    {
        var type = TaskTypes.Get(TaskType.SemanticSegmentation);
        var answer = SegmentationMask.Answer([new("a")], Image, "jobs/x/annotations/worker-masks/1.png");

        Assert.Null(AnswerRules.Validate(type, [new("a")], answer, "{}", Image));
        Assert.Equal("inputImageProperties says 6 × 4, but the image is 7 × 4.", AnswerRules.Validate(type, [new("a")], answer, "{}", new ImageSize(7, 4)));
        Assert.Equal("The answer has no mask (labeledImage).", AnswerRules.Validate(type, [new("a")], new JsonObject { ["crowd-semantic-segmentation"] = new JsonObject() }, "{}", Image));
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> what) => bytes.AsSpan().IndexOf(what);

    /// <summary>A palette PNG whose every row uses <paramref name="filter"/> (the decoder must undo it).</summary>
    private static byte[] FilteredPng(byte[] pixels, int width, int height, byte filter)
    {
        var rows = new List<byte>();
        var previous = new byte[width];
        for (var y = 0; y < height; y++)
        {
            var row = pixels.AsSpan(y * width, width);
            rows.Add(filter);
            for (var x = 0; x < width; x++)
            {
                int a = x > 0 ? row[x - 1] : 0, b = previous[x], c = x > 0 ? previous[x - 1] : 0;
                var predictor = filter switch
                {
                    1 => a,
                    2 => b,
                    3 => (a + b) >> 1,
                    _ => Paeth(a, b, c),
                };
                rows.Add((byte)(row[x] - predictor));
            }

            row.CopyTo(previous);
        }

        // Re-wrap the IDAT of an unfiltered encoding with the filtered rows.
        var plain = PalettePng.Encode(pixels, width, height, SegmentationPalette.Rgb(2));
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(rows.ToArray());
        }

        var idatStart = IndexOf(plain, "IDAT"u8) - 4;
        var idatLength = BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(idatStart));
        var output = new List<byte>(plain.AsSpan(0, idatStart).ToArray());
        var chunk = new byte[4 + compressed.Length];
        "IDAT"u8.CopyTo(chunk);
        compressed.ToArray().CopyTo(chunk, 4);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, (int)compressed.Length);
        output.AddRange(length);
        output.AddRange(chunk);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(chunk));
        output.AddRange(crc);
        output.AddRange(plain.AsSpan(idatStart + 12 + idatLength).ToArray());
        return [.. output];
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc(byte[] bytes)
    {
        var c = 0xffffffffu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >> 1) : c >> 1;
            }
        }

        return c ^ 0xffffffffu;
    }
}
