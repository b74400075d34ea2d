using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Spans;

namespace GroundTruth.Tests.Core.Consolidation.Spans;

public class SpanConsolidatorTests
{
    private static WorkerAnnotations<EntitySpan> Worker(string id, params EntitySpan[] spans) => new(id, spans);

    [Fact]
    public void Consolidate_TwoOfThreeAgreeOnBoundaries_UsesTheMode()
    {
        var answers = new[]
        {
            Worker("a", new EntitySpan("PER", 0, 5)),
            Worker("b", new EntitySpan("PER", 0, 5)),
            Worker("c", new EntitySpan("PER", 1, 6)),
        };

        var span = Assert.Single(new SpanConsolidator().Consolidate(answers));

        Assert.Equal(new EntitySpan("PER", 0, 5), span.Entity);
        Assert.Equal(1, span.Confidence, 9);
    }

    [Fact]
    public void Consolidate_NoClearMode_UsesTheMedian()
    {
        var answers = new[]
        {
            Worker("a", new EntitySpan("PER", 0, 10)),
            Worker("b", new EntitySpan("PER", 1, 11)),
            Worker("c", new EntitySpan("PER", 2, 12)),
        };

        var span = Assert.Single(new SpanConsolidator().Consolidate(answers));

        Assert.Equal(new EntitySpan("PER", 1, 11), span.Entity);
    }

    [Fact]
    public void Consolidate_MixedLabels_TakesTheMostAssigned()
    {
        var answers = new[]
        {
            Worker("a", new EntitySpan("ORG", 4, 9)),
            Worker("b", new EntitySpan("PER", 4, 9)),
            Worker("c", new EntitySpan("PER", 4, 9)),
        };

        Assert.Equal("PER", Assert.Single(new SpanConsolidator().Consolidate(answers)).Entity.Label);
    }

    [Fact]
    public void Consolidate_LabelTie_PicksOrdinallySmallestLabel()
    {
        var answers = new[] { Worker("a", new EntitySpan("PER", 4, 9)), Worker("b", new EntitySpan("ORG", 4, 9)) };

        Assert.Equal("ORG", Assert.Single(new SpanConsolidator().Consolidate(answers)).Entity.Label);
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidenceZero()
    {
        var spans = new SpanConsolidator().Consolidate([Worker("a", new EntitySpan("PER", 0, 3), new EntitySpan("LOC", 10, 14))]);

        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(0, s.Confidence));
    }

    [Fact]
    public void Consolidate_SpanChosenByOneOfThree_IsDropped()
    {
        var answers = new[] { Worker("a", new EntitySpan("PER", 0, 3)), Worker("b"), Worker("c") };

        Assert.Empty(new SpanConsolidator().Consolidate(answers));
    }

    [Fact]
    public void Consolidate_AllDisagree_ReturnsEmpty()
    {
        var answers = new[]
        {
            Worker("a", new EntitySpan("PER", 0, 10)),
            Worker("b", new EntitySpan("PER", 8, 20)),
            Worker("c", new EntitySpan("PER", 30, 40)),
        };

        Assert.Empty(new SpanConsolidator().Consolidate(answers));
    }

    [Fact]
    public void Consolidate_AdversarialWorker_IsOutvoted()
    {
        var answers = new[]
        {
            Worker("a", new EntitySpan("PER", 0, 5), new EntitySpan("LOC", 20, 26)),
            Worker("b", new EntitySpan("PER", 0, 5), new EntitySpan("LOC", 20, 26)),
            Worker("c", new EntitySpan("PER", 0, 5), new EntitySpan("LOC", 20, 26)),
            Worker("spammer", new EntitySpan("LOC", 0, 4), new EntitySpan("ORG", 30, 50), new EntitySpan("ORG", 60, 61)),
        };

        var spans = new SpanConsolidator().Consolidate(answers);

        Assert.Equal(2, spans.Count);
        Assert.Equal(new EntitySpan("PER", 0, 5), spans[0].Entity);
        Assert.Equal(new EntitySpan("LOC", 20, 26), spans[1].Entity);
        Assert.Equal(1, spans[0].Confidence, 9);
        Assert.Equal(0.75, spans[1].Confidence, 9);
    }

    [Fact]
    public void Consolidate_ReliabilityWeights_DecideTheLabel()
    {
        var answers = new[]
        {
            Worker("expert", new EntitySpan("ORG", 0, 5)),
            Worker("b", new EntitySpan("PER", 0, 5)),
            Worker("c", new EntitySpan("PER", 0, 5)),
        };
        var weights = new Dictionary<string, double> { ["expert"] = 3 };

        Assert.Equal("ORG", Assert.Single(new SpanConsolidator().Consolidate(answers, weights)).Entity.Label);
    }

    [Fact]
    public void Jaccard_HalfOverlap_IsOneThird()
    {
        Assert.Equal(1.0 / 3, EntitySpan.Jaccard(new EntitySpan("X", 0, 10), new EntitySpan("X", 5, 15)), 12);
    }
}
