using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class SingleLabelVoteTests
{
    private static readonly LabelCategory[] Labels = [new("cat"), new("dog"), new("bird")];

    private readonly SingleLabelVote _vote = new();

    [Fact]
    public void Name_Get_IsMajorityVote()
    {
        Assert.Equal("majority-vote", _vote.Name);
    }

    [Fact]
    public void Consolidate_TwoOfThreeAgree_PicksTheirLabelWithTwoThirds()
    {
        var result = _vote.Consolidate(Labels, Answers("dog", "cat", "dog"));

        Assert.Equal("1", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"dog","confidence":0.67}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_FourOfFive_ConfidenceIsShareOfWorkers()
    {
        var result = _vote.Consolidate(Labels, Answers("bird", "bird", "cat", "bird", "bird"));

        Assert.Equal("2", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"bird","confidence":0.8}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_Unanimous_ConfidenceIsOne()
    {
        var result = _vote.Consolidate(Labels, Answers("cat", "cat", "cat"));

        Assert.Equal("0", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"cat","confidence":1}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_Tie_FirstLabelInJobOrderWins()
    {
        var result = _vote.Consolidate(Labels, Answers("bird", "dog", "bird", "dog"));

        Assert.Equal("1", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"dog","confidence":0.5}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_TieWhateverTheAnswerOrder_SameWinner()
    {
        var forward = _vote.Consolidate(Labels, Answers("bird", "cat"));
        var backward = _vote.Consolidate(Labels, Answers("cat", "bird"));

        Assert.Equal("0", forward.Label.ToJsonString());
        Assert.Equal("0", backward.Label.ToJsonString());
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidenceIsZero()
    {
        var result = _vote.Consolidate(Labels, Answers("bird"));

        Assert.Equal("2", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"bird","confidence":0}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_AllWorkersDisagree_FirstLabelInJobOrderWithAThird()
    {
        var result = _vote.Consolidate(Labels, Answers("bird", "dog", "cat"));

        Assert.Equal("0", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"cat","confidence":0.33}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_AnswerWithUnknownLabel_CountsAsWorkerButNotAsVote()
    {
        var result = _vote.Consolidate(Labels, Answers("dog", "lion", "dog"));

        Assert.Equal("1", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"dog","confidence":0.67}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_UnknownLabelOutnumbersKnownOne_KnownLabelWins()
    {
        var result = _vote.Consolidate(Labels, Answers("lion", "lion", "bird"));

        Assert.Equal("2", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"bird","confidence":0.33}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_LabelInOtherCase_NotCounted()
    {
        var result = _vote.Consolidate(Labels, Answers("Dog", "DOG", "bird"));

        Assert.Equal("2", result.Label.ToJsonString());
    }

    [Fact]
    public void Consolidate_FiveOfEight_RoundsHalfToEven()
    {
        // 5 / 8 = 0.625 exactly; like Python's round() in AWS's consolidation code, it rounds to 0.62.
        var result = _vote.Consolidate(Labels, Answers("dog", "dog", "dog", "dog", "dog", "cat", "cat", "bird"));

        Assert.Equal("""{"class-name":"dog","confidence":0.62}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_FourOfSeven_RoundsToTwoDecimals()
    {
        var result = _vote.Consolidate(Labels, Answers("cat", "bird", "cat", "bird", "cat", "dog", "cat"));

        Assert.Equal("""{"class-name":"cat","confidence":0.57}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_RealWorkerResponses_ReadsCrowdImageClassifierOutput()
    {
        // Arrange: answerContent as in a real worker-response file, one with a comment and one multi-select.
        LabelCategory[] labels = [new("Canary"), new("Falcon")];
        WorkerAnswer[] answers =
        [
            new("public.us-east-1.PHMFOWIIICWDF3ZS5HORERJV6Y", Parse("""{"crowd-image-classifier":{"label":"Falcon"}}""")),
            new("public.us-east-1.B", Parse("""{"crowd-image-classifier":{"label":"Falcon","workerComment":"blurry"}}""")),
            new("public.us-east-1.C", Parse("""{"crowd-image-classifier":{"label":"Canary"}}""")),
            new("public.us-east-1.D", Parse("""{"crowd-image-classifier-multi-select":{"labels":["Canary","Falcon"]}}""")),
        ];

        // Act
        var result = _vote.Consolidate(labels, answers);

        // Assert
        Assert.Equal("1", result.Label.ToJsonString());
        Assert.Equal("""{"class-name":"Falcon","confidence":0.5}""", result.Metadata.ToJsonString());
    }

    [Fact]
    public void Consolidate_NoAnswers_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _vote.Consolidate(Labels, []));
    }

    private static WorkerAnswer[] Answers(params string[] labels) =>
        [.. labels.Select((label, i) => new WorkerAnswer($"worker-{i}", ClassificationAnswer.Create(TaskTypes.Get(TaskType.ImageClassification), [label])))];

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
