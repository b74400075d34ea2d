using GroundTruth.Core.Annotations;

namespace GroundTruth.Tests.Core.Annotations;

public class ShapeGeometryTests
{
    [Fact]
    public void Iou_HalfOverlappingSquares_IsOneThird()
    {
        Assert.Equal(1.0 / 3, ShapeGeometry.Iou((0, 0, 10, 10), (5, 0, 15, 10)), 9);
    }

    [Fact]
    public void Iou_DisjointOrEmpty_IsZero()
    {
        Assert.Equal(0, ShapeGeometry.Iou((0, 0, 10, 10), (10, 0, 20, 10)));
        Assert.Equal(0, ShapeGeometry.Iou((0, 0, 0, 0), (0, 0, 0, 0)));
    }

    [Fact]
    public void PolygonArea_Square_IsSideSquared()
    {
        Assert.Equal(100, ShapeGeometry.PolygonArea([new(0, 0), new(10, 0), new(10, 10), new(0, 10)]));
    }

    [Fact]
    public void FindSelfIntersection_BowTie_FindsTheCrossingEdges()
    {
        Assert.Equal((0, 2), ShapeGeometry.FindSelfIntersection([new(0, 0), new(10, 10), new(10, 0), new(0, 10)]));
        Assert.Null(ShapeGeometry.FindSelfIntersection([new(0, 0), new(10, 0), new(10, 10), new(0, 10)]));
    }

    [Fact]
    public void FindSelfIntersection_VertexTouchingAnotherEdge_Counts()
    {
        Assert.NotNull(ShapeGeometry.FindSelfIntersection([new(0, 0), new(10, 0), new(5, 10), new(5, 0)]));
    }
}
