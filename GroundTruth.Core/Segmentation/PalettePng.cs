using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GroundTruth.Core.Segmentation;

/// <summary>
/// Reads and writes 8-bit palette ("P" mode) PNGs holding one class index per pixel, the form of Ground Truth's
/// semantic-segmentation masks. SkiaSharp decodes PNGs to colours only (it has no 8-bit indexed colour type), so the
/// indices are read here: IHDR, PLTE and the zlib stream of IDAT, with the five scanline filters (PNG spec, 2nd ed.).
/// </summary>
public static class PalettePng
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Encodes <paramref name="indices"/> (row-major, one byte per pixel) with the given RGB palette.</summary>
    /// <param name="indices">Width × height class indices.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="paletteRgb">Palette entries as RGB triples (at most 256).</param>
    /// <returns>The PNG file.</returns>
    public static byte[] Encode(ReadOnlySpan<byte> indices, int width, int height, ReadOnlySpan<byte> paletteRgb)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(indices.Length, width * height);
        using var output = new MemoryStream();
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 3; // colour type: palette
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "PLTE", paletteRgb);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // filter: none
                    zlib.Write(indices.Slice(y * width, width));
                }
            }

            WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>
    /// The width and height a PNG's header declares (IHDR, the first chunk after the signature), read without
    /// decoding anything, or <c>null</c> when the file does not start that way.
    /// </summary>
    /// <param name="png">The file.</param>
    public static (int Width, int Height)? DeclaredSize(ReadOnlySpan<byte> png) =>
        png.Length >= 24 && png[..Signature.Length].SequenceEqual(Signature) && png[12..16].SequenceEqual("IHDR"u8)
            ? ((int)BinaryPrimitives.ReadUInt32BigEndian(png[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(png[20..]))
            : null;

    /// <summary>Decodes an 8-bit palette PNG to its indices.</summary>
    /// <param name="png">The file.</param>
    /// <param name="maxPixels">Refuse images with more pixels than this.</param>
    /// <param name="expectedSize">When given, the size the header must declare: any other is refused from the header,
    /// before the pixel data is inflated.</param>
    /// <returns>The indices and the palette size, or a problem saying why the file is not such a PNG.</returns>
    public static PaletteImage Decode(ReadOnlySpan<byte> png, long maxPixels = long.MaxValue, Annotations.ImageSize? expectedSize = null)
    {
        if (png.Length < Signature.Length + 25 || !png[..Signature.Length].SequenceEqual(Signature))
        {
            return PaletteImage.Fail("The mask is not a readable PNG image.");
        }

        var position = Signature.Length;
        int width = 0, height = 0, paletteSize = 0;
        var sawHeader = false;
        using var idat = new MemoryStream();
        while (true)
        {
            if (position + 12 > png.Length)
            {
                return PaletteImage.Fail("The mask PNG is truncated.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(png[position..]);
            if (length < 0 || position + 12L + length > png.Length)
            {
                return PaletteImage.Fail("The mask PNG is truncated.");
            }

            var type = Encoding.ASCII.GetString(png.Slice(position + 4, 4));
            var data = png.Slice(position + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(position + 8 + length)..]);
            if (crc != Crc(png.Slice(position + 4, length + 4)))
            {
                return PaletteImage.Fail($"The mask PNG's {type} chunk is corrupt (CRC mismatch).");
            }

            position += 12 + length;
            switch (type)
            {
                case "IHDR":
                    if (length != 13)
                    {
                        return PaletteImage.Fail("The mask PNG's header is malformed.");
                    }

                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    if (expectedSize is { } size && (width != size.Width || height != size.Height))
                    {
                        return PaletteImage.Fail($"The mask is {width} × {height} pixels but the image is {size.Width} × {size.Height}; the mask must have the image's size.");
                    }

                    if (data[9] != 3 || data[8] != 8)
                    {
                        return PaletteImage.Fail($"The mask must be an 8-bit palette PNG (pixel value = class index); this one has colour type {data[9]} and bit depth {data[8]}.");
                    }

                    if (data[12] != 0)
                    {
                        return PaletteImage.Fail("The mask PNG must not be interlaced.");
                    }

                    if (width <= 0 || height <= 0 || (long)width * height > maxPixels)
                    {
                        return PaletteImage.Fail($"The mask's size {width} × {height} is not allowed.");
                    }

                    sawHeader = true;
                    break;
                case "PLTE":
                    paletteSize = length / 3;
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    return sawHeader ? Unfilter(idat, width, height, paletteSize) : PaletteImage.Fail("The mask PNG has no header.");
            }
        }
    }

    private static PaletteImage Unfilter(MemoryStream idat, int width, int height, int paletteSize)
    {
        var pixels = new byte[(long)width * height];
        var previous = new byte[width];
        var row = new byte[width + 1];
        idat.Position = 0;
        try
        {
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            for (var y = 0; y < height; y++)
            {
                zlib.ReadExactly(row);
                var current = pixels.AsSpan(y * width, width);
                var raw = row.AsSpan(1);
                switch (row[0])
                {
                    case 0:
                        raw.CopyTo(current);
                        break;
                    case 1:
                        for (var x = 0; x < width; x++)
                        {
                            current[x] = (byte)(raw[x] + (x > 0 ? current[x - 1] : 0));
                        }

                        break;
                    case 2:
                        for (var x = 0; x < width; x++)
                        {
                            current[x] = (byte)(raw[x] + previous[x]);
                        }

                        break;
                    case 3:
                        for (var x = 0; x < width; x++)
                        {
                            current[x] = (byte)(raw[x] + (((x > 0 ? current[x - 1] : 0) + previous[x]) >> 1));
                        }

                        break;
                    case 4:
                        for (var x = 0; x < width; x++)
                        {
                            current[x] = (byte)(raw[x] + Paeth(x > 0 ? current[x - 1] : (byte)0, previous[x], x > 0 ? previous[x - 1] : (byte)0));
                        }

                        break;
                    default:
                        return PaletteImage.Fail($"The mask PNG uses an unknown scanline filter ({row[0]}).");
                }

                current.CopyTo(previous);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            return PaletteImage.Fail("The mask PNG's pixel data is corrupt or too short.");
        }

        return new PaletteImage(pixels, width, height, paletteSize, null);
    }

    private static byte Paeth(byte a, byte b, byte c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        output.Write(buffer);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(buffer, Crc(typeAndData));
        output.Write(buffer);
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var c = 0xffffffffu;
        foreach (var b in bytes)
        {
            c = CrcTable[(c ^ b) & 0xff] ^ (c >> 8);
        }

        return c ^ 0xffffffffu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xedb88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

/// <summary>A decoded palette PNG, or why it could not be decoded.</summary>
/// <param name="Pixels">Palette index per pixel, row-major (empty on failure).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="PaletteSize">Entries in the PLTE chunk.</param>
/// <param name="Problem">Why decoding failed, or <c>null</c>.</param>
public sealed record PaletteImage(byte[] Pixels, int Width, int Height, int PaletteSize, string? Problem)
{
    internal static PaletteImage Fail(string problem) => new([], 0, 0, 0, problem);
}
