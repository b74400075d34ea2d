using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class PolygonRasterTests
{
    [Fact]
    public void Fill_TenPixelSquare_SetsHundredCells()
    {
        var mask = new byte[20 * 20];

        var filled = PolygonRaster.Fill([new(0, 0), new(10, 0), new(10, 10), new(0, 10)], 0, 0, 1, 20, 20, mask);

        Assert.Equal(100, filled);
        Assert.Equal(1, mask[(9 * 20) + 9]);
        Assert.Equal(0, mask[(10 * 20) + 10]);
    }

    [Fact]
    public void Fill_Triangle_CoversHalfTheSquare()
    {
        var mask = new byte[100 * 100];

        var filled = PolygonRaster.Fill([new(0, 0), new(100, 0), new(0, 100)], 0, 0, 1, 100, 100, mask);

        Assert.InRange(filled, 4900, 5100);
    }

    [Fact]
    public void MaskIou_HalfOverlappingSquares_IsOneThird()
    {
        Point2[] a = [new(0, 0), new(10, 0), new(10, 10), new(0, 10)];
        Point2[] b = [new(5, 0), new(15, 0), new(15, 10), new(5, 10)];

        Assert.Equal(1.0 / 3, PolygonRaster.MaskIou(a, b), 9);
    }
}
