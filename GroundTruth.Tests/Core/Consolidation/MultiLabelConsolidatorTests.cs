using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;

namespace GroundTruth.Tests.Core.Consolidation;

public class MultiLabelConsolidatorTests
{
    /// <summary>
    /// Twelve items answered by three careful workers, cycling through {cat, dog}, {cat} and {dog}. On item i1
    /// worker w1 also ticks "dog" by mistake, so "dog" has one vote of three there.
    /// </summary>
    private static List<MultiLabelAnswer> Job()
    {
        var answers = new List<MultiLabelAnswer>();
        string[][] cycle = [["cat", "dog"], ["cat"], ["dog"]];
        for (int i = 0; i < 12; i++)
        {
            string[] truth = cycle[i % 3];
            foreach (string worker in new[] { "w1", "w2", "w3" })
            {
                string[] chosen = i == 1 && worker == "w1" ? ["dog", "cat"] : truth;
                answers.Add(new MultiLabelAnswer($"i{i}", worker, chosen));
            }
        }

        return answers;
    }

    [Fact]
    public void Consolidate_PosteriorRule_ReportsLabelsMostWorkersChose()
    {
        IReadOnlyList<MultiLabelDecision> decisions = new MultiLabelConsolidator().Consolidate(Job());

        Assert.Equal(12, decisions.Count);
        Assert.Equal(new[] { "cat", "dog" }, decisions[0].Labels.Select(l => l.Label));
        Assert.Equal(new[] { "cat" }, decisions[1].Labels.Select(l => l.Label));
        Assert.Equal(new[] { "dog" }, decisions[2].Labels.Select(l => l.Label));
        Assert.All(decisions[0].Labels, l => Assert.True(l.Confidence >= 0.9, $"{l.Label}: {l.Confidence}"));
    }

    [Fact]
    public void Consolidate_ChosenByAnyWorkerRule_ReportsMinorityLabelWithLowConfidence()
    {
        var consolidator = new MultiLabelConsolidator(new MultiLabelOptions { Rule = MultiLabelRule.ChosenByAnyWorker });

        MultiLabelDecision decision = consolidator.Consolidate(Job())[1];

        Assert.Equal(new[] { "cat", "dog" }, decision.Labels.Select(l => l.Label));
        Assert.True(decision.Labels[1].Confidence < 0.5, $"dog: {decision.Labels[1].Confidence}");
    }

    [Fact]
    public void Consolidate_SingleWorker_ConfidencesAreZero()
    {
        List<MultiLabelAnswer> answers = Job();
        answers.Add(new MultiLabelAnswer("solo", "w2", ["dog", "cat"]));

        MultiLabelDecision decision = new MultiLabelConsolidator().Consolidate(answers)[^1];

        Assert.Equal("solo", decision.ItemId);
        Assert.Equal(new[] { new LabelConfidence("cat", 0.0), new LabelConfidence("dog", 0.0) }, decision.Labels);
    }

    [Fact]
    public void Consolidate_WorkersChoseNothing_ReportsNoLabel()
    {
        List<MultiLabelAnswer> answers = Job();
        answers.Add(new MultiLabelAnswer("blank", "w1", []));
        answers.Add(new MultiLabelAnswer("blank", "w2", []));
        answers.Add(new MultiLabelAnswer("blank", "w3", ["cat"]));

        MultiLabelDecision decision = new MultiLabelConsolidator().Consolidate(answers)[^1];

        Assert.Equal("blank", decision.ItemId);
        Assert.Empty(decision.Labels);
    }

    [Fact]
    public void Consolidate_LabelCategories_FixReportedOrder()
    {
        var consolidator = new MultiLabelConsolidator(
            new MultiLabelOptions { Model = DawidSkeneOptions.Default with { LabelCategories = ["dog", "cat"] } });

        MultiLabelDecision decision = consolidator.Consolidate(Job())[0];

        Assert.Equal(new[] { "dog", "cat" }, decision.Labels.Select(l => l.Label));
    }

    [Fact]
    public void Consolidate_EmptyInput_ReturnsEmpty()
    {
        Assert.Empty(new MultiLabelConsolidator().Consolidate([]));
    }

    [Fact]
    public void Consolidate_NullLabelList_Throws()
    {
        var answers = new List<MultiLabelAnswer> { new("i1", "w1", null!) };

        Assert.Throws<ArgumentException>(() => new MultiLabelConsolidator().Consolidate(answers));
    }
}
