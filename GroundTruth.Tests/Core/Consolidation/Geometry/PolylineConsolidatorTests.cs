using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class PolylineConsolidatorTests
{
    private static Polyline Line(string label, double y, bool reversed = false)
    {
        Point2[] v = [new(0, y), new(50, y), new(100, y)];
        return new Polyline(label, reversed ? [.. v.Reverse()] : v);
    }

    [Fact]
    public void Consolidate_ThreeNearbyLines_ReturnsTheMiddleOneAsMedoid()
    {
        var answers = new[]
        {
            new WorkerAnnotations<Polyline>("a", [Line("lane", 0)]),
            new WorkerAnnotations<Polyline>("b", [Line("lane", 2, reversed: true)]),
            new WorkerAnnotations<Polyline>("c", [Line("lane", 5)]),
        };

        var line = Assert.Single(new PolylineConsolidator().Consolidate(answers));

        Assert.Equal(2, line.Polyline.Vertices[0].Y, 9);
        Assert.Equal(3, line.WorkerIds.Count);
        Assert.InRange(line.Confidence, 0.7, 1.0);
    }

    [Fact]
    public void Consolidate_AdversarialFarLine_IsDropped()
    {
        var answers = new[]
        {
            new WorkerAnnotations<Polyline>("a", [Line("lane", 0)]),
            new WorkerAnnotations<Polyline>("b", [Line("lane", 1)]),
            new WorkerAnnotations<Polyline>("spammer", [Line("curb", 300)]),
        };

        var line = Assert.Single(new PolylineConsolidator().Consolidate(answers));

        Assert.Equal("lane", line.Polyline.Label);
        Assert.DoesNotContain("spammer", line.WorkerIds);
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidenceZero()
    {
        var line = Assert.Single(new PolylineConsolidator().Consolidate([new WorkerAnnotations<Polyline>("a", [Line("lane", 0)])]));

        Assert.Equal(0, line.Confidence);
    }

    [Fact]
    public void Consolidate_NoLines_ReturnsEmpty()
    {
        Assert.Empty(new PolylineConsolidator().Consolidate([new WorkerAnnotations<Polyline>("a", []), new WorkerAnnotations<Polyline>("b", [])]));
    }
}
