using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class PolygonConsolidatorTests
{
    private static Polygon Rect(string label, double x0, double y0, double x1, double y1) =>
        new(label, [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1)]);

    private static WorkerAnnotations<Polygon> Worker(string id, params Polygon[] polygons) => new(id, polygons);

    [Fact]
    public void Consolidate_ThreeShiftedSquares_VotesAndRetracesASquare()
    {
        var answers = new[]
        {
            Worker("a", Rect("roof", 10, 10, 30, 30)),
            Worker("b", Rect("roof", 11, 10, 31, 30)),
            Worker("c", Rect("roof", 12, 10, 32, 30)),
        };

        var polygon = Assert.Single(new PolygonConsolidator().Consolidate(answers));

        Assert.Equal(PolygonFusionMethod.PixelVote, polygon.Method);
        Assert.Equal("roof", polygon.Polygon.Label);
        var (minX, minY, maxX, maxY) = PolygonRaster.Bounds(polygon.Polygon.Vertices);
        Assert.InRange(minX, 10.5, 11.5);
        Assert.InRange(maxX, 30.5, 31.5);
        Assert.InRange(minY, 9.5, 10.5);
        Assert.InRange(maxY, 29.5, 30.5);
        Assert.InRange(polygon.Polygon.Vertices.Count, 4, 8);
        Assert.True(PolygonRaster.MaskIou(polygon.Polygon.Vertices, Rect("roof", 11, 10, 31, 30).Vertices) > 0.95);
    }

    [Fact]
    public void Consolidate_VoteWouldOpenAHole_FallsBackToMedoid()
    {
        // a: a full bar. b: the bar with a notch open at the top. c: the bar with a notch open at the bottom.
        // Two of three cover the notch only along its top and bottom rims, so the vote is a ring with a hole.
        var bar = Rect("fence", 0, 0, 30, 10);
        var notchTop = new Polygon("fence", [new(0, 0), new(13, 0), new(13, 9), new(17, 9), new(17, 0), new(30, 0), new(30, 10), new(0, 10)]);
        var notchBottom = new Polygon("fence", [new(0, 0), new(30, 0), new(30, 10), new(17, 10), new(17, 1), new(13, 1), new(13, 10), new(0, 10)]);
        var answers = new[] { Worker("b", notchTop), Worker("a", bar), Worker("c", notchBottom) };

        var polygon = Assert.Single(new PolygonConsolidator().Consolidate(answers));

        // Mask IoUs: bar–notch 264/300 = 0.88 each, notch–notch 260/268 = 0.97, so the two notched shapes tie as
        // medoid and the first in cluster order (worker b) is returned unchanged.
        Assert.Equal(PolygonFusionMethod.Medoid, polygon.Method);
        Assert.Same(notchTop.Vertices, polygon.Polygon.Vertices);
    }

    [Fact]
    public void Consolidate_AdversarialPolygon_IsDroppedAndDoesNotChangeTheShape()
    {
        var answers = new[]
        {
            Worker("a", Rect("roof", 10, 10, 30, 30)),
            Worker("b", Rect("roof", 10, 10, 30, 30)),
            Worker("spammer", Rect("car", 100, 100, 140, 120)),
        };

        var polygon = Assert.Single(new PolygonConsolidator().Consolidate(answers));

        Assert.Equal("roof", polygon.Polygon.Label);
        Assert.DoesNotContain("spammer", polygon.WorkerIds);
        Assert.Equal(2.0 / 3, polygon.Confidence, 9);
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidenceZero()
    {
        var polygon = Assert.Single(new PolygonConsolidator().Consolidate([Worker("a", Rect("roof", 0, 0, 5, 5))]));

        Assert.Equal(0, polygon.Confidence);
    }

    [Fact]
    public void Consolidate_NoPolygons_ReturnsEmpty()
    {
        Assert.Empty(new PolygonConsolidator().Consolidate([Worker("a"), Worker("b")]));
    }

    [Fact]
    public void Consolidate_ExtentAboveMaxRasterSide_RasterisesCoarselyAndStaysClose()
    {
        var answers = new[]
        {
            Worker("a", Rect("field", 0, 0, 4000, 3000)),
            Worker("b", Rect("field", 20, 0, 4020, 3000)),
            Worker("c", Rect("field", 40, 0, 4040, 3000)),
        };

        var polygon = Assert.Single(new PolygonConsolidator().Consolidate(answers));

        // 4040 px / 1024 cells ≈ 3.9 px per cell: the outline is within a cell or two of the middle rectangle.
        var (minX, _, maxX, maxY) = PolygonRaster.Bounds(polygon.Polygon.Vertices);
        Assert.Equal(PolygonFusionMethod.PixelVote, polygon.Method);
        Assert.InRange(minX, 12, 28);
        Assert.InRange(maxX, 4012, 4028);
        Assert.InRange(maxY, 2992, 3008);
    }
}
