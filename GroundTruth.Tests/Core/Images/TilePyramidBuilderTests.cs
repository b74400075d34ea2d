using GroundTruth.Core.Images;
using GroundTruth.Tests.TestSupport;
using SkiaSharp;

namespace GroundTruth.Tests.Core.Images;

public class TilePyramidBuilderTests
{
    [Theory]
    [InlineData(1000, 700, 256, 3)]
    [InlineData(256, 256, 256, 1)]
    [InlineData(257, 10, 256, 2)]
    [InlineData(20_000, 20_000, 512, 7)]
    public void Layout_LevelsHalveUntilOneTileHoldsTheImage(int width, int height, int tile, int levels)
    {
        var layout = new TileLayout(width, height, tile);

        Assert.Equal(levels, layout.LevelCount);
        var (w, h) = layout.LevelSize(levels - 1);
        Assert.True(Math.Max(w, h) <= tile);
        Assert.Equal((1, 1), layout.Grid(levels - 1));
    }

    [Fact]
    public void Layout_OddSizesRoundUp()
    {
        var layout = new TileLayout(1001, 699, 256);

        Assert.Equal((501, 350), layout.LevelSize(1));
        Assert.Equal((251, 175), layout.LevelSize(2));
        Assert.Equal((4, 3), layout.Grid(0));
        Assert.Equal((2, 2), layout.Grid(1));
    }

    [Fact]
    public void Build_Png_EveryTileOfEveryLevelWithTheRightSizeAndPixels()
    {
        // Arrange: 1000 × 700 in 256-pixel tiles: 4 × 3 + 2 × 2 + 1 tiles.
        var png = TestImages.Gradient(1000, 700);

        // Act
        var tiles = TilePyramidBuilder.Build(new MemoryStream(png), 256).ToList();

        // Assert
        Assert.Equal(17, tiles.Count);
        Assert.Equal(tiles.Count, tiles.Select(t => (t.Level, t.Column, t.Row)).Distinct().Count());
        var corner = Decode(tiles.Single(t => t is { Level: 0, Column: 3, Row: 2 }));
        Assert.Equal((232, 188), (corner.Width, corner.Height));
        // Tile (3, 2) starts at image (768, 512): red = x mod 256, green = y mod 256.
        AssertNear(new SKColor((byte)(800 % 256), (byte)(600 % 256), (byte)(((800 / 256) + (600 / 256)) * 40)), corner.GetPixel(800 - 768, 600 - 512));
        var top = Decode(tiles.Single(t => t.Level == 2));
        Assert.Equal((250, 175), (top.Width, top.Height));
        // Level 2 pixel (100, 50) averages image pixels (400–403, 200–203): red ≈ 401.5 mod 256, green ≈ 201.5.
        AssertNear(new SKColor(146, 202, 40), top.GetPixel(100, 50), tolerance: 8);
    }

    [Fact]
    public void Build_TallImageBandsCascadeToTheTop()
    {
        // 40 × 2000 with 16-pixel tiles: levels down to 1 × 16 must each hold the whole height.
        var layout = new TileLayout(40, 2000, 16);
        var tiles = TilePyramidBuilder.Build(new MemoryStream(TestImages.Gradient(40, 2000)), 16).ToList();

        for (var level = 0; level < layout.LevelCount; level++)
        {
            var (columns, rows) = layout.Grid(level);
            Assert.Equal(columns * rows, tiles.Count(t => t.Level == level));
            var height = tiles.Where(t => t.Level == level && t.Column == 0).Sum(t => Decode(t).Height);
            Assert.Equal(layout.LevelSize(level).Height, height);
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(3)]
    public void Build_ExifOrientedJpeg_TilesShowTheDisplayedImage(ushort orientation)
    {
        // A 300 × 200 JPEG: left half red, right half blue. Orientation 6 (rotate 90° clockwise) shows 200 × 300 with
        // red on top; 3 (rotate 180°) shows blue on the left.
        using var bitmap = new SKBitmap(300, 200);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            canvas.DrawRect(0, 0, 150, 200, new SKPaint { Color = SKColors.Red });
        }

        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 95);
        var jpeg = TestImages.WithExifOrientation(data.ToArray(), orientation);

        var layout = TilePyramidBuilder.LayoutOf(new MemoryStream(jpeg), 512)!;
        var tile = Decode(Assert.Single(TilePyramidBuilder.Build(new MemoryStream(jpeg), 512)));

        if (orientation == 6)
        {
            Assert.Equal((200, 300), (layout.Width, layout.Height));
            Assert.Equal((200, 300), (tile.Width, tile.Height));
            AssertNear(SKColors.Red, tile.GetPixel(100, 40), tolerance: 40);
            AssertNear(SKColors.Blue, tile.GetPixel(100, 260), tolerance: 40);
        }
        else
        {
            Assert.Equal((300, 200), (tile.Width, tile.Height));
            AssertNear(SKColors.Blue, tile.GetPixel(40, 100), tolerance: 40);
            AssertNear(SKColors.Red, tile.GetPixel(260, 100), tolerance: 40);
        }
    }

    [Fact]
    public void Build_TransparentPng_IsCompositedOnWhite()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(64, 64, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(new SKColor(0, 0, 0, 0));
        using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);

        var tile = Decode(Assert.Single(TilePyramidBuilder.Build(new MemoryStream(data.ToArray()), 64)));

        AssertNear(SKColors.White, tile.GetPixel(10, 10), tolerance: 3);
    }

    [Fact]
    public void Build_NotAnImage_Throws()
    {
        Assert.Throws<InvalidDataException>(() => TilePyramidBuilder.Build(new MemoryStream(new byte[100]), 64).ToList());
    }

    private static SKBitmap Decode(Tile tile) => SKBitmap.Decode(tile.Jpeg) ?? throw new InvalidDataException("Tile is not a JPEG.");

    private static void AssertNear(SKColor expected, SKColor actual, int tolerance = 6)
    {
        Assert.True(
            Math.Abs(expected.Red - actual.Red) <= tolerance && Math.Abs(expected.Green - actual.Green) <= tolerance && Math.Abs(expected.Blue - actual.Blue) <= tolerance,
            $"Expected about {expected}, got {actual}.");
    }
}
