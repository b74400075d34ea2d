using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class TextSpanVoteTests
{
    private static readonly LabelCategory[] Labels = [new("person", "per"), new("place")];

    private readonly TextSpanVote _vote = new();

    [Fact]
    public void Consolidate_OneWorker_KeepsEverySpanWithZeroConfidence()
    {
        var result = _vote.Consolidate(Labels, [Answer("w1", new TextEntity("place", 10, 15), new TextEntity("person", 0, 3))]);

        Assert.Equal(
            """{"annotations":{"labels":[{"label":"person","shortDisplayName":"per"},{"label":"place","shortDisplayName":"place"}],"entities":[{"label":"person","startOffset":0,"endOffset":3},{"label":"place","startOffset":10,"endOffset":15}]}}""",
            result.Label.ToJsonString());
        Assert.Equal("""{"entities":[{"confidence":0},{"confidence":0}]}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_TwoOfThreeAgree_KeepsSpanWithTwoThirds()
    {
        var result = _vote.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("person", 0, 3), new TextEntity("place", 10, 15)),
            Answer("w2", new TextEntity("person", 0, 3)),
            Answer("w3", new TextEntity("place", 10, 14)),
        ]);

        Assert.Equal("""[{"label":"person","startOffset":0,"endOffset":3}]""", result.Label["annotations"]!["entities"]!.ToJsonString());
        Assert.Equal("""{"entities":[{"confidence":0.67}]}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_HalfOfFour_DropsSpan()
    {
        var result = _vote.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("person", 0, 3)),
            Answer("w2", new TextEntity("person", 0, 3)),
            Answer("w3", new TextEntity("place", 0, 3)),
            Answer("w4"),
        ]);

        Assert.Equal("[]", result.Label["annotations"]!["entities"]!.ToJsonString());
        Assert.Equal("""{"entities":[]}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_SameLabelDifferentBoundaries_CountsAsDifferentSpans()
    {
        var result = _vote.Consolidate(Labels, [Answer("w1", new TextEntity("place", 10, 15)), Answer("w2", new TextEntity("place", 11, 15))]);

        Assert.Empty(result.Label["annotations"]!["entities"]!.AsArray());
    }

    [Fact]
    public void Consolidate_Unanimous_OrdersByStartOffsetWithConfidenceOne()
    {
        var result = _vote.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("place", 10, 15), new TextEntity("person", 0, 3)),
            Answer("w2", new TextEntity("person", 0, 3), new TextEntity("place", 10, 15)),
        ]);

        Assert.Equal([0, 10], result.Label["annotations"]!["entities"]!.AsArray().Select(e => (int)e!["startOffset"]!));
        Assert.Equal("""{"entities":[{"confidence":1},{"confidence":1}]}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_WorkerRepeatsSpan_CountedOnce()
    {
        var result = _vote.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("person", 0, 3), new TextEntity("person", 0, 3)),
            Answer("w2"),
            Answer("w3"),
        ]);

        Assert.Empty(result.Label["annotations"]!["entities"]!.AsArray());
    }

    private static WorkerAnswer Answer(string worker, params TextEntity[] entities) =>
        new(worker, TextSpanAnswer.Create(entities));
}
