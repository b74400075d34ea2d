using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class KeypointConsolidatorTests
{
    private const double Scale = 100; // σ = scale × κ = 5 px with the default κ.

    private static WorkerAnnotations<Keypoint> Worker(string id, params Keypoint[] points) => new(id, points);

    [Fact]
    public void Consolidate_ThreeCloseClicks_ReturnsMedianPoint()
    {
        var answers = new[]
        {
            Worker("a", new Keypoint("nose", 50, 50)),
            Worker("b", new Keypoint("nose", 51, 52)),
            Worker("c", new Keypoint("nose", 52, 51)),
        };

        var point = Assert.Single(new KeypointConsolidator().Consolidate(answers, Scale));

        Assert.Equal(new Keypoint("nose", 51, 51), point.Keypoint);
        Assert.InRange(point.Confidence, 0.8, 1.0);
    }

    [Fact]
    public void Consolidate_ModeratelyOffClick_IsRejectedAsOutlier()
    {
        var answers = new[]
        {
            Worker("a", new Keypoint("nose", 50, 50)),
            Worker("b", new Keypoint("nose", 50.5, 50)),
            Worker("c", new Keypoint("nose", 51, 50)),
            Worker("d", new Keypoint("nose", 54, 50)),
        };

        var point = Assert.Single(new KeypointConsolidator().Consolidate(answers, Scale));

        Assert.Equal(50.5, point.Keypoint.X, 9);
        Assert.DoesNotContain("d", point.WorkerIds);
    }

    [Fact]
    public void Consolidate_DifferentLabels_AreNeverMerged()
    {
        var answers = new[]
        {
            Worker("a", new Keypoint("left eye", 40, 40), new Keypoint("right eye", 42, 40)),
            Worker("b", new Keypoint("left eye", 40, 41), new Keypoint("right eye", 42, 41)),
        };

        var result = new KeypointConsolidator().Consolidate(answers, Scale);

        Assert.Equal(2, result.Count);
        Assert.Equal("left eye", result[0].Keypoint.Label);
        Assert.Equal("right eye", result[1].Keypoint.Label);
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidenceZero()
    {
        var point = Assert.Single(new KeypointConsolidator().Consolidate([Worker("a", new Keypoint("nose", 1, 2))], Scale));

        Assert.Equal(0, point.Confidence);
        Assert.Equal(new Keypoint("nose", 1, 2), point.Keypoint);
    }

    [Fact]
    public void Consolidate_AdversarialFarClick_IsDroppedByQuorum()
    {
        var answers = new[]
        {
            Worker("a", new Keypoint("nose", 50, 50)),
            Worker("b", new Keypoint("nose", 50, 51)),
            Worker("spammer", new Keypoint("nose", 400, 10)),
        };

        var point = Assert.Single(new KeypointConsolidator().Consolidate(answers, Scale));

        Assert.DoesNotContain("spammer", point.WorkerIds);
        Assert.Equal(50, point.Keypoint.X, 9);
    }

    [Fact]
    public void Consolidate_NobodyClicked_ReturnsEmpty()
    {
        Assert.Empty(new KeypointConsolidator().Consolidate([Worker("a"), Worker("b")], Scale));
    }

    [Fact]
    public void ImageDiagonal_ThreeByFour_IsFive()
    {
        Assert.Equal(5, KeypointConsolidator.ImageDiagonal(3, 4), 12);
    }

    [Fact]
    public void Consolidate_ReliabilityWeights_PullTheMedianToTheTrustedWorker()
    {
        var answers = new[]
        {
            Worker("expert", new Keypoint("nose", 50, 50)),
            Worker("b", new Keypoint("nose", 52, 50)),
            Worker("c", new Keypoint("nose", 53, 50)),
        };
        var weights = new Dictionary<string, double> { ["expert"] = 5 };

        var point = Assert.Single(new KeypointConsolidator().Consolidate(answers, Scale, weights));

        Assert.Equal(50, point.Keypoint.X, 9);
    }
}
