using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class CurveDistanceTests
{
    [Fact]
    public void DiscreteFrechet_ParallelLines_IsTheOffset()
    {
        Point2[] a = [new(0, 0), new(5, 0), new(10, 0)];
        Point2[] b = [new(0, 3), new(5, 3), new(10, 3)];

        Assert.Equal(3, CurveDistance.DiscreteFrechet(a, b), 12);
    }

    [Fact]
    public void Symmetric_ReversedLine_IsZero()
    {
        Point2[] a = [new(0, 0), new(10, 0), new(10, 10)];
        Point2[] b = [new(10, 10), new(10, 0), new(0, 0)];

        Assert.Equal(0, CurveDistance.Symmetric(a, b), 9);
    }

    [Fact]
    public void Resample_TwoVertexLine_SpacesPointsEvenly()
    {
        var points = CurveDistance.Resample([new Point2(0, 0), new Point2(9, 0)], 4);

        Assert.Equal(new[] { 0.0, 3, 6, 9 }, points.Select(p => p.X));
    }
}
