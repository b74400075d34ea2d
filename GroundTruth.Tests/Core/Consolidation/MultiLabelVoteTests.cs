using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class MultiLabelVoteTests
{
    private static readonly LabelCategory[] Labels =
        [new("person"), new("bicycle"), new("car"), new("dog"), new("cat"), new("tree"), new("sky"), new("road"), new("clothing")];

    private readonly MultiLabelVote _vote = new();

    [Fact]
    public void Name_Get_IsMultiLabelVote()
    {
        Assert.Equal("multi-label-vote", _vote.Name);
    }

    [Fact]
    public void Consolidate_FourWorkers_MapsAsGroundTruthWritesThem()
    {
        // Arrange: bicycle 4 of 4, person 3 of 4, clothing 1 of 4 (the shape of the developer guide's [1,0,8] example).
        var answers = Answers(["bicycle", "person"], ["bicycle"], ["clothing", "bicycle", "person"], ["person", "bicycle"]);

        // Act
        var result = _vote.Consolidate(Labels, answers);

        // Assert
        Assert.Equal("[1,0,8]", result.Label.ToJsonString());
        Assert.Equal(
            """{"class-map":{"1":"bicycle","0":"person","8":"clothing"},"confidence-map":{"1":1,"0":0.75,"8":0.25}}""",
            result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_EqualShares_OrderedByJobOrder()
    {
        var result = _vote.Consolidate(Labels, Answers(["clothing", "person"], ["person", "clothing"]));

        Assert.Equal("[0,8]", result.Label.ToJsonString());
        Assert.Equal("""{"class-map":{"0":"person","8":"clothing"},"confidence-map":{"0":1,"8":1}}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_SingleWorker_EveryConfidenceIsZero()
    {
        var result = _vote.Consolidate(Labels, Answers(["clothing", "bicycle"]));

        Assert.Equal("[1,8]", result.Label.ToJsonString());
        Assert.Equal("""{"class-map":{"1":"bicycle","8":"clothing"},"confidence-map":{"1":0,"8":0}}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_AllWorkersDisagree_KeepsEveryLabelWithAThird()
    {
        var result = _vote.Consolidate(Labels, Answers(["dog"], ["car"], ["person"]));

        Assert.Equal("[0,2,3]", result.Label.ToJsonString());
        Assert.Equal(
            """{"class-map":{"0":"person","2":"car","3":"dog"},"confidence-map":{"0":0.33,"2":0.33,"3":0.33}}""",
            result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_EveryAnswerEmpty_EmptyLabelAndMaps()
    {
        var result = _vote.Consolidate(Labels, Answers([], [], []));

        Assert.Equal("[]", result.Label.ToJsonString());
        Assert.Equal("""{"class-map":{},"confidence-map":{}}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_OneEmptyAnswer_CountsAsWorkerWhoChoseNothing()
    {
        var result = _vote.Consolidate(Labels, Answers([], ["dog"]));

        Assert.Equal("[3]", result.Label.ToJsonString());
        Assert.Equal("""{"class-map":{"3":"dog"},"confidence-map":{"3":0.5}}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_LabelRepeatedInOneAnswer_CountsOnce()
    {
        var result = _vote.Consolidate(Labels, Answers(["dog", "dog"], ["cat"]));

        Assert.Equal("[3,4]", result.Label.ToJsonString());
        Assert.Equal("""{"class-map":{"3":"dog","4":"cat"},"confidence-map":{"3":0.5,"4":0.5}}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_UnknownLabel_Ignored()
    {
        var result = _vote.Consolidate(Labels, Answers(["unicorn", "dog"], ["dog"], ["unicorn"]));

        Assert.Equal("[3]", result.Label.ToJsonString());
        Assert.Equal("""{"class-map":{"3":"dog"},"confidence-map":{"3":0.67}}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_TwoDigitIndices_KeysAreJobIndices()
    {
        LabelCategory[] labels = [.. Enumerable.Range(0, 12).Select(i => new LabelCategory($"l{i}"))];

        var result = _vote.Consolidate(labels, Answers(["l11", "l2"], ["l11"]));

        Assert.Equal("[11,2]", result.Label.ToJsonString());
        Assert.Equal("""{"class-map":{"11":"l11","2":"l2"},"confidence-map":{"11":1,"2":0.5}}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_NoAnswers_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _vote.Consolidate(Labels, []));
    }

    private static WorkerAnswer[] Answers(params string[][] choices) =>
        [.. choices.Select((chosen, i) => new WorkerAnswer($"worker-{i}", ClassificationAnswer.Create(TaskTypes.Get(TaskType.ImageMultiLabelClassification), chosen)))];
}
