using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Core.Consolidation;

public class BayesianClassifierCombinationTests
{
    private static readonly string[] XY = ["x", "y"];

    [Fact]
    public void Consolidate_ReliableWorkerAgainstTwoSpammers_FollowsReliableWorker()
    {
        List<ClassAnswer> answers = TestAnswers.Calibration(
            20, XY, ["E", "G", "S1", "S2"], static (w, j, truth) => w switch
            {
                "S1" => "x",
                "S2" => (j / 2) % 2 == 0 ? "x" : "y",
                _ => truth,
            });
        answers.AddRange(TestAnswers.From(("q", "E", "y"), ("q", "S1", "x"), ("q", "S2", "x")));

        DawidSkeneResult result = new BayesianClassifierCombination().Fit(answers);

        Assert.Equal("y", result.Decisions.For("q").Label);
        Assert.True(result.Workers.Single(w => w.WorkerId == "S1").IsSpammer);
        Assert.False(result.Workers.Single(w => w.WorkerId == "E").IsSpammer);
    }

    [Fact]
    public void Fit_AdversarialWorker_LearnsToInvertThem()
    {
        List<ClassAnswer> answers = TestAnswers.Calibration(
            20, XY, ["G1", "G2", "G3", "A"], static (w, _, truth) => w == "A" ? (truth == "x" ? "y" : "x") : truth);
        answers.AddRange(TestAnswers.From(("solo", "A", "x")));

        DawidSkeneResult result = new BayesianClassifierCombination().Fit(answers);

        Assert.Equal(new ClassDecision("solo", "y", 0.0, 1), result.Decisions.For("solo"));
    }

    [Fact]
    public void Consolidate_SymmetricTie_SmallestLabelWithHalfConfidence()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "y"), ("i1", "w2", "x"));

        ClassDecision decision = Assert.Single(new BayesianClassifierCombination().Consolidate(answers));

        Assert.Equal(new ClassDecision("i1", "x", 0.5, 2), decision);
    }

    [Fact]
    public void Consolidate_EmptyInput_ReturnsEmpty()
    {
        Assert.Empty(new BayesianClassifierCombination().Consolidate([]));
    }

    [Fact]
    public void Fit_Posteriors_AreProbabilityDistributions()
    {
        List<ClassAnswer> answers = TestAnswers.From(
            ("i1", "w1", "a"), ("i1", "w2", "b"), ("i1", "w3", "c"), ("i2", "w1", "a"), ("i2", "w2", "a"));

        DawidSkeneResult result = new BayesianClassifierCombination().Fit(answers);

        for (int i = 0; i < result.Decisions.Count; i++)
        {
            IReadOnlyList<double> posterior = result.GetPosterior(i);
            Assert.Equal(1.0, posterior.Sum(), 12);
            Assert.All(posterior, p => Assert.InRange(p, 0.0, 1.0));
        }
    }
}
