using System.Buffers.Binary;
using SkiaSharp;

namespace GroundTruth.Tests.TestSupport;

/// <summary>Images built for tests: encoded with SkiaSharp, with hand-made EXIF where needed.</summary>
public static class TestImages
{
    /// <summary>An image whose pixel (x, y) is (x mod 256, y mod 256, (x / 256 + y / 256) * 40 mod 256): every tile is recognisable.</summary>
    public static byte[] Gradient(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 95)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                pixels[i] = (byte)(x % 256);
                pixels[i + 1] = (byte)(y % 256);
                pixels[i + 2] = (byte)((((x / 256) + (y / 256)) * 40) % 256);
                pixels[i + 3] = 255;
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>
    /// Inserts an APP1 Exif segment holding only IFD0 tag 0x0112 (Orientation, SHORT) after SOI and any APP0 (JFIF).
    /// Layout: "Exif\0\0", TIFF header (MM or II, 42, IFD at 8), one 12-byte entry, no next IFD.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation, bool littleEndian = false)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        }

        var insertAt = 2;
        if (jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            insertAt = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }

        byte[] payload = littleEndian
            ?
            [
                (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
                (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
                0x01, 0x00,
                0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)orientation, (byte)(orientation >> 8), 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00,
            ]
            :
            [
                (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
                (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
                0x00, 0x01,
                0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00,
            ];
        var length = (ushort)(payload.Length + 2);
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg.AsSpan(0, insertAt), .. segment, .. jpeg.AsSpan(insertAt)];
    }

}
