using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class ClusteredSpansTests
{
    private static readonly LabelCategory[] Labels = [new("person", "per"), new("place")];

    private readonly ClusteredSpans _spans = new();

    [Fact]
    public void Consolidate_OneWorker_KeepsEverySpanWithZeroConfidence()
    {
        var result = _spans.Consolidate(Labels, [Answer("w1", new TextEntity("place", 10, 15), new TextEntity("person", 0, 3))], null);

        Assert.Equal(
            """{"annotations":{"labels":[{"label":"person","shortDisplayName":"per"},{"label":"place","shortDisplayName":"place"}],"entities":[{"label":"person","startOffset":0,"endOffset":3},{"label":"place","startOffset":10,"endOffset":15}]}}""",
            result.Annotation.Label.ToJsonString());
        Assert.Equal("""{"entities":[{"confidence":0},{"confidence":0}]}""", result.Annotation.Metadata.ToJsonString());
        Assert.Equal(0, result.Confidence);
    }

    [Fact]
    public void Consolidate_OverlappingBoundaries_ClusterAndTakeTheLowerMedianWhenNoMode()
    {
        // place 10–15 and 10–14 overlap with Jaccard 0.8: one entity from two of three workers; the end offsets tie, so
        // the lower median (14) is used; "person" 0–3 is agreed by two as well.
        var result = _spans.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("person", 0, 3), new TextEntity("place", 10, 15)),
            Answer("w2", new TextEntity("person", 0, 3)),
            Answer("w3", new TextEntity("place", 10, 14)),
        ], null);

        Assert.Equal(
            """[{"label":"person","startOffset":0,"endOffset":3},{"label":"place","startOffset":10,"endOffset":14}]""",
            result.Annotation.Label["annotations"]!["entities"]!.ToJsonString());
        Assert.Equal("""{"entities":[{"confidence":0.67},{"confidence":0.67}]}""", result.Annotation.Metadata.ToJsonString());
        Assert.Equal(0.67, result.Confidence);
        // w1 drew 2 items, both kept: F1 = 2·2/(2+2) = 1; w2 and w3 drew one of the two: 2·1/(1+2).
        Assert.Equal(1, result.Agreement["w1"]);
        Assert.Equal(2.0 / 3, result.Agreement["w2"], 6);
        Assert.Equal(2.0 / 3, result.Agreement["w3"], 6);
    }

    [Fact]
    public void Consolidate_ModeWins_OverTheOddBoundary()
    {
        var result = _spans.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("place", 10, 15)),
            Answer("w2", new TextEntity("place", 10, 15)),
            Answer("w3", new TextEntity("place", 11, 15)),
        ], null);

        Assert.Equal("""[{"label":"place","startOffset":10,"endOffset":15}]""", result.Annotation.Label["annotations"]!["entities"]!.ToJsonString());
        Assert.Equal(1, result.Confidence);
    }

    [Fact]
    public void Consolidate_HalfOfFour_DropsSpanAsOutlier()
    {
        var result = _spans.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("person", 0, 3)),
            Answer("w2", new TextEntity("person", 0, 3)),
            Answer("w3"),
            Answer("w4"),
        ], null);

        Assert.Equal("[]", result.Annotation.Label["annotations"]!["entities"]!.ToJsonString());
        Assert.Equal("""{"entities":[]}""", result.Annotation.Metadata.ToJsonString());
        Assert.Equal(0.5, result.Confidence);
    }

    [Fact]
    public void Consolidate_AllDisagree_KeepsNothing()
    {
        var result = _spans.Consolidate(Labels,
        [
            Answer("w1", new TextEntity("person", 0, 3)),
            Answer("w2", new TextEntity("place", 20, 25)),
            Answer("w3", new TextEntity("person", 40, 45)),
        ], null);

        Assert.Empty(result.Annotation.Label["annotations"]!["entities"]!.AsArray());
        Assert.All(result.Agreement.Values, a => Assert.Equal(0, a));
    }

    [Fact]
    public void Consolidate_ReliabilityWeights_DecideTheLabel()
    {
        WorkerAnswer[] answers =
        [
            Answer("good", new TextEntity("person", 0, 5)),
            Answer("bad1", new TextEntity("place", 0, 5)),
            Answer("bad2", new TextEntity("place", 0, 5)),
        ];

        var equal = _spans.Consolidate(Labels, answers, null);
        var weighted = _spans.Consolidate(Labels, answers, new Dictionary<string, double> { ["good"] = 1, ["bad1"] = 0.2, ["bad2"] = 0.2 });

        Assert.Equal("place", equal.Annotation.Label["annotations"]!["entities"]![0]!["label"]!.GetValue<string>());
        Assert.Equal("person", weighted.Annotation.Label["annotations"]!["entities"]![0]!["label"]!.GetValue<string>());
    }

    [Fact]
    public void Consolidate_NobodyMarkedAnything_IsConfidentThereIsNothing()
    {
        var result = _spans.Consolidate(Labels, [Answer("w1"), Answer("w2"), Answer("w3")], null);

        Assert.Empty(result.Annotation.Label["annotations"]!["entities"]!.AsArray());
        Assert.Equal(1, result.Confidence);
        Assert.All(result.Agreement.Values, a => Assert.Equal(1, a));
    }

    private static WorkerAnswer Answer(string worker, params TextEntity[] entities) =>
        new(worker, TextSpanAnswer.Create(entities));
}
