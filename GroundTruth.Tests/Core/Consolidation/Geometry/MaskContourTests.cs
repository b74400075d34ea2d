using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class MaskContourTests
{
    [Fact]
    public void Topology_Ring_HasOneComponentAndOneHole()
    {
        byte[] mask =
        [
            1, 1, 1,
            1, 0, 1,
            1, 1, 1,
        ];

        Assert.Equal((1, 1), MaskContour.Topology(mask, 3, 3));
    }

    [Fact]
    public void Topology_DiagonalPixels_AreTwoComponentsWithoutHoles()
    {
        byte[] mask =
        [
            1, 0,
            0, 1,
        ];

        Assert.Equal((2, 0), MaskContour.Topology(mask, 2, 2));
    }

    [Fact]
    public void Trace_SinglePixel_IsADiamondAroundItsCentre()
    {
        var loop = Assert.Single(MaskContour.Trace([1], 1, 1));

        Assert.Equal(4, loop.Count);
        Assert.Contains(new Point2(0.5, 0), loop);
        Assert.Contains(new Point2(1, 0.5), loop);
        Assert.Contains(new Point2(0.5, 1), loop);
        Assert.Contains(new Point2(0, 0.5), loop);
    }

    [Fact]
    public void SimplifyClosed_DenseSquareOutline_KeepsTheFourCorners()
    {
        var ring = new List<Point2>();
        for (var i = 0; i < 10; i++)
        {
            ring.Add(new Point2(i, 0));
        }

        for (var i = 0; i < 10; i++)
        {
            ring.Add(new Point2(10, i));
        }

        for (var i = 10; i > 0; i--)
        {
            ring.Add(new Point2(i, 10));
        }

        for (var i = 10; i > 0; i--)
        {
            ring.Add(new Point2(0, i));
        }

        var simplified = MaskContour.SimplifyClosed(ring, 0.5);

        Assert.Equal(4, simplified.Count);
        Assert.Contains(new Point2(10, 10), simplified);
    }
}
