using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Core.Consolidation;

public class MajorityVoteTests
{
    [Fact]
    public void Consolidate_ClearMajority_PicksItWithShareAsConfidence()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "cat"), ("i1", "w2", "cat"), ("i1", "w3", "dog"));

        IReadOnlyList<ClassDecision> decisions = new MajorityVote().Consolidate(answers);

        Assert.Equal(new[] { new ClassDecision("i1", "cat", 0.67, 3) }, decisions);
    }

    [Fact]
    public void Consolidate_TwoWayTie_SmallestLabelOrdinallyWins()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "dog"), ("i1", "w2", "cat"));

        ClassDecision decision = Assert.Single(new MajorityVote().Consolidate(answers));

        Assert.Equal(new ClassDecision("i1", "cat", 0.5, 2), decision);
    }

    [Fact]
    public void Consolidate_TieBetweenIntegerLabels_ComparesNumerically()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "10"), ("i1", "w2", "9"));

        ClassDecision decision = Assert.Single(new MajorityVote().Consolidate(answers));

        Assert.Equal("9", decision.Label);
    }

    [Fact]
    public void Consolidate_TieWithFirstAnswerRule_EarliestAnsweredLabelWins()
    {
        List<ClassAnswer> answers = TestAnswers.From(
            ("i1", "w1", "dog"), ("i1", "w2", "cat"), ("i1", "w3", "cat"), ("i1", "w4", "dog"));
        var vote = new MajorityVote(new MajorityVoteOptions { TieBreak = TieBreak.FirstAnswer });

        ClassDecision decision = Assert.Single(vote.Consolidate(answers));

        Assert.Equal(new ClassDecision("i1", "dog", 0.5, 4), decision);
    }

    [Fact]
    public void Consolidate_TieWithLabelCategories_CategoryOrderWins()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "cat"), ("i1", "w2", "dog"));
        var vote = new MajorityVote(new MajorityVoteOptions { LabelCategories = ["dog", "cat"] });

        ClassDecision decision = Assert.Single(vote.Consolidate(answers));

        Assert.Equal("dog", decision.Label);
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidenceIsZero()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "cat"));

        ClassDecision decision = Assert.Single(new MajorityVote().Consolidate(answers));

        Assert.Equal(new ClassDecision("i1", "cat", 0.0, 1), decision);
    }

    [Fact]
    public void Consolidate_AllWorkersDisagree_SmallestLabelWithOneThird()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "c"), ("i1", "w2", "a"), ("i1", "w3", "b"));

        ClassDecision decision = Assert.Single(new MajorityVote().Consolidate(answers));

        Assert.Equal(new ClassDecision("i1", "a", 0.33, 3), decision);
    }

    [Fact]
    public void Consolidate_RepeatedAnswerBySameWorker_EachCounts()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "dog"), ("i1", "w1", "dog"), ("i1", "w2", "cat"));

        ClassDecision decision = Assert.Single(new MajorityVote().Consolidate(answers));

        Assert.Equal(new ClassDecision("i1", "dog", 0.67, 3), decision);
    }

    [Fact]
    public void Consolidate_SeveralItems_OrderOfFirstAppearance()
    {
        List<ClassAnswer> answers = TestAnswers.From(
            ("b", "w1", "x"), ("a", "w1", "y"), ("b", "w2", "x"), ("c", "w2", "x"));

        IReadOnlyList<ClassDecision> decisions = new MajorityVote().Consolidate(answers);

        Assert.Equal(new[] { "b", "a", "c" }, decisions.Select(d => d.ItemId));
    }

    [Fact]
    public void Consolidate_EmptyInput_ReturnsEmpty()
    {
        Assert.Empty(new MajorityVote().Consolidate([]));
    }

    [Fact]
    public void Consolidate_NullInput_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new MajorityVote().Consolidate(null!));
    }

    [Fact]
    public void Consolidate_AnswerWithNullLabel_Throws()
    {
        var answers = new List<ClassAnswer> { new("i1", "w1", null!) };

        Assert.Throws<ArgumentException>(() => new MajorityVote().Consolidate(answers));
    }
}
