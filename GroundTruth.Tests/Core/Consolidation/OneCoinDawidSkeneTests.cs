using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Core.Consolidation;

public class OneCoinDawidSkeneTests
{
    private static readonly string[] XY = ["x", "y"];

    [Fact]
    public void Fit_OneIterationWithoutSmoothing_MatchesHandComputation()
    {
        // Arrange: i1 = (A:x, B:x), i2 = (A:x, B:y); vote shares q1 = (1, 0), q2 = (1/2, 1/2).
        // M-step: accuracy of A = (1 + 1/2) / 2 = 0.75, of B = (1 + 1/2) / 2 = 0.75; class prior uniform.
        // E-step for i1: x ~ 0.75 * 0.75, y ~ 0.25 * 0.25, so P(x) = 0.5625 / 0.625 = 0.9.
        // For i2 the two workers cancel: P(x) = P(y) = 0.5.
        List<ClassAnswer> answers = TestAnswers.From(("i1", "A", "x"), ("i1", "B", "x"), ("i2", "A", "x"), ("i2", "B", "y"));
        var model = new OneCoinDawidSkene(OneCoinDawidSkene.DefaultOptions with { MaxIterations = 1, PriorStrength = 0 });

        // Act
        DawidSkeneResult result = model.Fit(answers);

        // Assert
        Assert.Equal(new ClassDecision("i1", "x", 0.9, 2), result.Decisions[0]);
        Assert.Equal(0.5, result.Decisions[1].Confidence);
        Assert.Equal(0.9, result.GetPosterior(0)[0], 12);
        Assert.Equal(new[] { 0.75, 0.25, 0.25, 0.75 }, result.GetConfusionMatrix(0));
        Assert.Equal(new[] { 0.5, 0.5 }, result.ClassPriors);
    }

    [Fact]
    public void Fit_AdversarialWorker_LearnsToInvertThem()
    {
        List<ClassAnswer> answers = TestAnswers.Calibration(
            20, XY, ["G1", "G2", "G3", "A"], static (w, _, truth) => w == "A" ? (truth == "x" ? "y" : "x") : truth);
        answers.AddRange(TestAnswers.From(("solo", "A", "x")));

        DawidSkeneResult result = new OneCoinDawidSkene().Fit(answers);

        Assert.Equal(new ClassDecision("solo", "y", 0.0, 1), result.Decisions.For("solo"));
        Assert.True(result.Workers.Single(w => w.WorkerId == "A").Accuracy < 0.1);
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidenceIsZero()
    {
        ClassDecision decision = Assert.Single(new OneCoinDawidSkene().Consolidate(TestAnswers.From(("i1", "w1", "x"))));

        Assert.Equal(new ClassDecision("i1", "x", 0.0, 1), decision);
    }

    [Fact]
    public void Consolidate_EmptyInput_ReturnsEmpty()
    {
        Assert.Empty(new OneCoinDawidSkene().Consolidate([]));
    }

    [Fact]
    public void DefaultOptions_OneCoinModel_DoNotLearnClassPriors()
    {
        Assert.False(OneCoinDawidSkene.DefaultOptions.LearnClassPriors);
        Assert.False(new OneCoinDawidSkene().Options.LearnClassPriors);
    }
}
