using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Tests.TestSupport.Builders;

namespace GroundTruth.Tests.Core.Consolidation;

public class DawidSkeneTests
{
    private static readonly string[] XY = ["x", "y"];

    [Fact]
    public void Fit_OneIterationWithoutSmoothing_MatchesHandComputation()
    {
        // Arrange: i1 = (A:x, B:x), i2 = (A:x, B:y). Start from vote shares q1 = (1, 0), q2 = (1/2, 1/2).
        // M-step: A's rows are x:(1.5, 0) and y:(0.5, 0), so A answers x whatever the truth: pi_A[.,x] = 1.
        // B's x-row is (1, 0.5) -> (2/3, 1/3) and its y-row (0, 0.5) -> (0, 1).
        // Class prior with one pseudo-count: ((1.5 + 1) / 4, (0.5 + 1) / 4) = (0.625, 0.375).
        // E-step for i2: x ~ 0.625 * 1 * 1/3 = 0.2083, y ~ 0.375 * 1 * 1 = 0.375, so P(y) = 0.375 / 0.5833 = 9/14.
        List<ClassAnswer> answers = TestAnswers.From(("i1", "A", "x"), ("i1", "B", "x"), ("i2", "A", "x"), ("i2", "B", "y"));
        var ds = new DawidSkene(new DawidSkeneOptions { MaxIterations = 1, PriorStrength = 0 });

        // Act
        DawidSkeneResult result = ds.Fit(answers);

        // Assert
        Assert.Equal(new ClassDecision("i1", "x", 1.0, 2), result.Decisions[0]);
        Assert.Equal(new ClassDecision("i2", "y", 0.64, 2), result.Decisions[1]);
        Assert.Equal(9.0 / 14.0, result.GetPosterior(1)[1], 12);
        Assert.Equal(new[] { 0.625, 0.375 }, result.ClassPriors);
        Assert.Equal(new[] { 2.0 / 3.0, 1.0 / 3.0, 0.0, 1.0 }, result.GetConfusionMatrix(1));
        Assert.Equal(1, result.Iterations);
        Assert.False(result.Converged);
    }

    [Fact]
    public void Consolidate_ReliableWorkerAgainstTwoSpammers_FollowsReliableWorker()
    {
        // E and G are always right on 20 calibration items; S1 always answers x, S2 answers independently of the
        // truth. On q, E says y and both spammers say x: majority vote says x, Dawid-Skene trusts E.
        List<ClassAnswer> answers = TestAnswers.Calibration(
            20, XY, ["E", "G", "S1", "S2"], static (w, j, truth) => w switch
            {
                "S1" => "x",
                "S2" => (j / 2) % 2 == 0 ? "x" : "y",
                _ => truth,
            });
        answers.AddRange(TestAnswers.From(("q", "E", "y"), ("q", "S1", "x"), ("q", "S2", "x")));

        DawidSkeneResult result = new DawidSkene().Fit(answers);

        Assert.Equal("x", new MajorityVote().Consolidate(answers).For("q").Label);
        Assert.Equal("y", result.Decisions.For("q").Label);
        Assert.Equal(
            new[] { false, false, true, true },
            new[] { "E", "G", "S1", "S2" }.Select(w => result.Workers.Single(q => q.WorkerId == w).IsSpammer));
    }

    [Fact]
    public void Fit_AdversarialWorker_LearnsToInvertThem()
    {
        // G1..G3 are always right on 20 items and A is always wrong. An item only A answered gets the other label;
        // on "pair" A (x) and G1 (y) tie under majority vote, but A's x is evidence for y.
        List<ClassAnswer> answers = TestAnswers.Calibration(
            20, XY, ["G1", "G2", "G3", "A"], static (w, _, truth) => w == "A" ? (truth == "x" ? "y" : "x") : truth);
        answers.AddRange(TestAnswers.From(("solo", "A", "x"), ("pair", "A", "x"), ("pair", "G1", "y")));

        DawidSkeneResult result = new DawidSkene().Fit(answers);

        Assert.Equal(new ClassDecision("solo", "y", 0.0, 1), result.Decisions.For("solo"));
        Assert.Equal("y", result.Decisions.For("pair").Label);
        Assert.True(result.Decisions.For("pair").Confidence > 0.9);
        WorkerQuality adversary = result.Workers.Single(w => w.WorkerId == "A");
        Assert.True(adversary.Accuracy < 0.1, $"accuracy {adversary.Accuracy}");
        Assert.True(adversary.SpammerScore > 0.5, $"score {adversary.SpammerScore}");
        Assert.False(adversary.IsSpammer);
    }

    [Fact]
    public void Consolidate_AllWorkersDisagree_FollowsMostReliableWorker()
    {
        // Three labels. E and G are always right on 30 items; W2 always says a and W3 always says b, so their
        // answers carry no information. On z, E says c, W2 a, W3 b: majority vote ties and takes a.
        string[] labels = ["a", "b", "c"];
        List<ClassAnswer> answers = TestAnswers.Calibration(
            30, labels, ["E", "G", "W2", "W3"], static (w, _, truth) => w switch
            {
                "W2" => "a",
                "W3" => "b",
                _ => truth,
            });
        answers.AddRange(TestAnswers.From(("z", "E", "c"), ("z", "W2", "a"), ("z", "W3", "b")));

        IReadOnlyList<ClassDecision> decisions = new DawidSkene().Consolidate(answers);

        Assert.Equal(new ClassDecision("z", "a", 0.33, 3), new MajorityVote().Consolidate(answers).For("z"));
        Assert.Equal("c", decisions.For("z").Label);
        Assert.True(decisions.For("z").Confidence > 0.9);
    }

    [Fact]
    public void Consolidate_SymmetricTie_SmallestLabelWithHalfConfidence()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "y"), ("i1", "w2", "x"));

        ClassDecision decision = Assert.Single(new DawidSkene().Consolidate(answers));

        Assert.Equal(new ClassDecision("i1", "x", 0.5, 2), decision);
    }

    [Fact]
    public void Consolidate_SingleWorkerItem_ConfidenceIsZero()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "x"), ("i1", "w2", "x"), ("i2", "w1", "y"));

        IReadOnlyList<ClassDecision> decisions = new DawidSkene().Consolidate(answers);

        Assert.Equal(new ClassDecision("i2", "y", 0.0, 1), decisions.For("i2"));
        Assert.True(decisions.For("i1").Confidence > 0.5);
    }

    [Fact]
    public void Consolidate_UnanimousWorkers_HighConfidence()
    {
        List<ClassAnswer> answers = TestAnswers.Calibration(10, XY, ["w1", "w2", "w3"], static (_, _, truth) => truth);

        IReadOnlyList<ClassDecision> decisions = new DawidSkene().Consolidate(answers);

        Assert.All(decisions, d => Assert.True(d.Confidence >= 0.95, $"{d.ItemId}: {d.Confidence}"));
        Assert.Equal(new[] { "x", "y", "x" }, decisions.Take(3).Select(d => d.Label));
    }

    [Fact]
    public void Fit_LabelCategories_AddUnusedClassInCategoryOrder()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "cat"), ("i1", "w2", "cat"));
        var ds = new DawidSkene(new DawidSkeneOptions { LabelCategories = ["dog", "cat", "bird"] });

        DawidSkeneResult result = ds.Fit(answers);

        Assert.Equal(new[] { "dog", "cat", "bird" }, result.Labels);
        Assert.Equal("cat", Assert.Single(result.Decisions).Label);
        Assert.Equal(3, result.GetPosterior(0).Count);
        Assert.Equal(1.0, result.GetPosterior(0).Sum(), 12);
    }

    [Fact]
    public void Fit_WorkerQuality_CountsAnswersPerWorker()
    {
        List<ClassAnswer> answers = TestAnswers.From(("i1", "w1", "x"), ("i2", "w1", "x"), ("i1", "w2", "x"));

        DawidSkeneResult result = new DawidSkene().Fit(answers);

        Assert.Equal(new[] { ("w1", 2), ("w2", 1) }, result.Workers.Select(w => (w.WorkerId, w.AnswerCount)));
        Assert.All(result.Workers, w => Assert.False(w.IsSpammer));
    }

    [Fact]
    public void Consolidate_EmptyInput_ReturnsEmpty()
    {
        DawidSkeneResult result = new DawidSkene().Fit([]);

        Assert.Empty(result.Decisions);
        Assert.Empty(result.Workers);
        Assert.Equal(0, result.Iterations);
    }

    [Fact]
    public void Constructor_ZeroIterations_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DawidSkene(new DawidSkeneOptions { MaxIterations = 0 }));
    }

    [Fact]
    public void Constructor_NegativePriorStrength_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DawidSkene(new DawidSkeneOptions { PriorStrength = -1 }));
    }

    [Fact]
    public void Fit_ZeroTolerance_RunsExactlyTheCap()
    {
        List<ClassAnswer> answers = TestAnswers.Calibration(10, XY, ["w1", "w2", "w3"], static (_, _, truth) => truth);

        DawidSkeneResult result = new DawidSkene(new DawidSkeneOptions { MaxIterations = 7, Tolerance = 0 }).Fit(answers);

        Assert.Equal(7, result.Iterations);
        Assert.False(result.Converged);
    }
}
