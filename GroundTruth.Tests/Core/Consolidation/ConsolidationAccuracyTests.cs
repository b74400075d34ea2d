using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Core.Consolidation;

public class ConsolidationAccuracyTests
{
    [Fact]
    public void Strict_GoldItemsWithoutAnswers_LeftOutOfDenominator()
    {
        ClassDecision[] decisions = [new("a", "1", 0.9, 3), new("b", "0", 0.8, 3)];
        var gold = new Dictionary<string, string> { ["a"] = "1", ["b"] = "1", ["never-answered"] = "0" };

        AccuracyReport report = ConsolidationAccuracy.Strict(decisions, gold);

        Assert.Equal(new AccuracyReport(3, 2, 1), report);
        Assert.Equal(0.5, report.Accuracy);
    }

    [Fact]
    public void Strict_DecisionsWithoutGold_Ignored()
    {
        ClassDecision[] decisions = [new("a", "1", 0.9, 3), new("no-gold", "0", 0.8, 3)];
        var gold = new Dictionary<string, string> { ["a"] = "1" };

        AccuracyReport report = ConsolidationAccuracy.Strict(decisions, gold);

        Assert.Equal(new AccuracyReport(1, 1, 1), report);
        Assert.Equal(1.0, report.Accuracy);
    }

    [Fact]
    public void Strict_NothingEvaluated_AccuracyZero()
    {
        AccuracyReport report = ConsolidationAccuracy.Strict([], new Dictionary<string, string> { ["a"] = "1" });

        Assert.Equal(0.0, report.Accuracy);
        Assert.Equal(0, report.Evaluated);
    }

    [Fact]
    public void Strict_WithConsolidator_UsesItsTieRule()
    {
        List<ClassAnswer> answers = TestAnswers.From(("a", "w1", "1"), ("a", "w2", "0"), ("b", "w1", "1"));
        var gold = new Dictionary<string, string> { ["a"] = "0", ["b"] = "1" };

        AccuracyReport report = ConsolidationAccuracy.Strict(new MajorityVote(), answers, gold);

        Assert.Equal(new AccuracyReport(2, 2, 2), report);
    }
}
