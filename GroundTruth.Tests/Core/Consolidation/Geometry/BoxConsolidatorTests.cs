using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Tests.Core.Consolidation.Geometry;

public class BoxConsolidatorTests
{
    private static WorkerAnnotations<Box> Worker(string id, params Box[] boxes) => new(id, boxes);

    [Fact]
    public void Consolidate_ThreeSimilarBoxes_AveragesEdgesAndScoresConfidence()
    {
        var answers = new[]
        {
            Worker("a", new Box("cat", 0, 0, 10, 10)),
            Worker("b", new Box("cat", 2, 0, 10, 10)),
            Worker("c", new Box("cat", 1, 0, 10, 10)),
        };

        var result = new BoxConsolidator().Consolidate(answers);

        var box = Assert.Single(result);
        Assert.Equal("cat", box.Box.Label);
        Assert.Equal(1, box.Box.Left, 9);
        Assert.Equal(10, box.Box.Width, 9);
        Assert.Equal(10, box.Box.Height, 9);

        // Support 3/3 × mean IoU (90/110, 90/110, 1).
        Assert.Equal(((2 * 90.0 / 110) + 1) / 3, box.Confidence, 9);
        Assert.Equal(3, box.WorkerIds.Count);
    }

    [Fact]
    public void Consolidate_SingleWorker_KeepsBoxesWithZeroConfidence()
    {
        var answers = new[] { Worker("a", new Box("cat", 5, 5, 20, 10), new Box("dog", 50, 50, 10, 10)) };

        var result = new BoxConsolidator().Consolidate(answers);

        Assert.Equal(2, result.Count);
        Assert.All(result, b => Assert.Equal(0, b.Confidence));
        Assert.Equal(new Box("cat", 5, 5, 20, 10), result[0].Box);
    }

    [Fact]
    public void Consolidate_NoBoxesFromAnyone_ReturnsEmpty()
    {
        var answers = new[] { Worker("a"), Worker("b"), Worker("c") };

        Assert.Empty(new BoxConsolidator().Consolidate(answers));
    }

    [Fact]
    public void Consolidate_NoAnswers_ReturnsEmpty()
    {
        Assert.Empty(new BoxConsolidator().Consolidate([]));
    }

    [Fact]
    public void Consolidate_OneOfThreeDrewNothing_KeepsBoxWithTwoThirdsSupport()
    {
        var answers = new[]
        {
            Worker("a", new Box("cat", 0, 0, 10, 10)),
            Worker("b", new Box("cat", 0, 0, 10, 10)),
            Worker("c"),
        };

        var box = Assert.Single(new BoxConsolidator().Consolidate(answers));

        Assert.Equal(2.0 / 3, box.Confidence, 9);
    }

    [Fact]
    public void Consolidate_OnlyOneOfThreeDrewTheBox_DropsItBelowQuorum()
    {
        var answers = new[] { Worker("a", new Box("cat", 0, 0, 10, 10)), Worker("b"), Worker("c") };

        Assert.Empty(new BoxConsolidator().Consolidate(answers));
    }

    [Fact]
    public void Consolidate_AllWorkersDisagree_ReturnsEmpty()
    {
        var answers = new[]
        {
            Worker("a", new Box("cat", 0, 0, 10, 10)),
            Worker("b", new Box("cat", 100, 0, 10, 10)),
            Worker("c", new Box("cat", 0, 100, 10, 10)),
        };

        Assert.Empty(new BoxConsolidator().Consolidate(answers));
    }

    [Fact]
    public void Consolidate_QuorumZero_KeepsUnsupportedBoxes()
    {
        var answers = new[]
        {
            Worker("a", new Box("cat", 0, 0, 10, 10)),
            Worker("b", new Box("cat", 100, 0, 10, 10)),
        };

        var result = new BoxConsolidator(new BoxConsolidationOptions { QuorumFraction = 0 }).Consolidate(answers);

        Assert.Equal(2, result.Count);
        Assert.All(result, b => Assert.Equal(0.5, b.Confidence, 9));
    }

    [Fact]
    public void Consolidate_AdversarialWorker_IsOutvoted()
    {
        var answers = new[]
        {
            Worker("a", new Box("cat", 10, 10, 40, 40)),
            Worker("b", new Box("cat", 10, 10, 40, 40)),
            Worker("c", new Box("cat", 10, 10, 40, 40)),
            Worker("spammer", new Box("dog", 12, 10, 40, 40), new Box("dog", 300, 300, 5, 5)),
        };

        var box = Assert.Single(new BoxConsolidator().Consolidate(answers));

        Assert.Equal("cat", box.Box.Label);
        Assert.Equal(10.5, box.Box.Left, 9);
        Assert.Contains("spammer", box.WorkerIds);
    }

    [Fact]
    public void Consolidate_DownWeightedWorker_BarelyMovesTheBox()
    {
        var answers = new[] { Worker("good", new Box("cat", 0, 0, 10, 10)), Worker("bad", new Box("dog", 1, 0, 10, 10)) };
        var weights = new Dictionary<string, double> { ["good"] = 1, ["bad"] = 0.1 };

        var box = Assert.Single(new BoxConsolidator().Consolidate(answers, weights));

        Assert.Equal(0.1 / 1.1, box.Box.Left, 9);
        Assert.Equal("cat", box.Box.Label);
    }

    [Fact]
    public void Consolidate_LabelTie_PicksOrdinallySmallestLabel()
    {
        var answers = new[] { Worker("a", new Box("dog", 0, 0, 10, 10)), Worker("b", new Box("cat", 0, 0, 10, 10)) };

        var box = Assert.Single(new BoxConsolidator().Consolidate(answers));

        Assert.Equal("cat", box.Box.Label);
        Assert.Equal(1, box.Confidence, 9);
    }

    [Fact]
    public void Consolidate_WeightedMedian_IgnoresOneStretchedEdge()
    {
        var answers = new[]
        {
            Worker("a", new Box("cat", 0, 0, 100, 100)),
            Worker("b", new Box("cat", 2, 0, 100, 100)),
            Worker("c", new Box("cat", 30, 0, 100, 100)),
        };

        var box = Assert.Single(new BoxConsolidator(new BoxConsolidationOptions { Fusion = BoxFusion.WeightedMedian }).Consolidate(answers));

        Assert.Equal(2, box.Box.Left, 9);
        Assert.Equal(102, box.Box.Right, 9);
    }

    [Fact]
    public void Consolidate_TwoObjectsInAnyOrder_MatchesEachObjectOnce()
    {
        var left = new Box("cat", 0, 0, 10, 10);
        var right = new Box("cat", 12, 0, 10, 10);
        var answers = new[]
        {
            Worker("a", left, right),
            Worker("b", right with { Left = 13 }, left with { Left = 1 }),
            Worker("c", left, right),
        };

        var result = new BoxConsolidator().Consolidate(answers);

        Assert.Equal(2, result.Count);
        Assert.Equal(1.0 / 3, result[0].Box.Left, 9);
        Assert.Equal(37.0 / 3, result[1].Box.Left, 9);
    }

    [Fact]
    public void Consolidate_SameLabelFirst_PrefersSameLabelOverHigherIou()
    {
        // Two overlapping objects with different labels; worker b's "dog" box overlaps the cat more than the dog.
        var answers = new[]
        {
            Worker("a", new Box("cat", 0, 0, 10, 10), new Box("dog", 3, 0, 10, 10)),
            Worker("b", new Box("dog", 1, 0, 10, 10), new Box("cat", 2, 0, 10, 10)),
        };

        var result = new BoxConsolidator().Consolidate(answers);

        Assert.Equal(2, result.Count);
        Assert.Equal("cat", result[0].Box.Label);
        Assert.Equal(1, result[0].Box.Left, 9);
        Assert.Equal("dog", result[1].Box.Label);
        Assert.Equal(2, result[1].Box.Left, 9);
    }

    [Fact]
    public void Consolidate_ManyBoxesPerWorker_UsesGreedyPathAndMatchesAll()
    {
        var a = new Box[200];
        var b = new Box[200];
        for (var i = 0; i < 200; i++)
        {
            a[i] = new Box("cat", (i % 20) * 50, (i / 20) * 50, 40, 40);
            b[199 - i] = a[i] with { Left = a[i].Left + 1 };
        }

        var result = new BoxConsolidator().Consolidate([Worker("a", a), Worker("b", b)]);

        Assert.Equal(200, result.Count);
        Assert.All(result, r => Assert.Equal(2, r.WorkerIds.Count));
    }

    [Fact]
    public void Consolidate_ReliabilityWeights_LetTwoTrustedWorkersOutvoteThreeSpammers()
    {
        var answers = new[]
        {
            Worker("a", new Box("cat", 0, 0, 10, 10)),
            Worker("b", new Box("cat", 0, 0, 10, 10)),
            Worker("s1"),
            Worker("s2"),
            Worker("s3"),
        };
        var weights = new Dictionary<string, double> { ["s1"] = 0.01, ["s2"] = 0.01, ["s3"] = 0.01 };

        Assert.Empty(new BoxConsolidator().Consolidate(answers));
        Assert.Single(new BoxConsolidator().Consolidate(answers, weights));
    }

    [Fact]
    public void Consolidate_FusionWeightExponent_SharpensGeometryButNotTheQuorum()
    {
        var answers = new[]
        {
            Worker("precise", new Box("cat", 0, 0, 10, 10)),
            Worker("sloppy", new Box("cat", 1, 0, 10, 10)),
            Worker("none"),
        };
        var weights = new Dictionary<string, double> { ["precise"] = 1, ["sloppy"] = 0.5, ["none"] = 1 };
        var options = new BoxConsolidationOptions { FusionWeightExponent = 2 };

        var box = Assert.Single(new BoxConsolidator(options).Consolidate(answers, weights));

        // Fusion weights 1 and 0.25: left = 0.25 / 1.25. Quorum still uses 1.5 of 2.5 > half.
        Assert.Equal(0.2, box.Box.Left, 9);
    }
}
