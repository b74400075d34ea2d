using GroundTruth.Core.Consolidation;

namespace GroundTruth.Tests.TestSupport.Builders;

/// <summary>Small hand-made answer sets for consolidation tests.</summary>
internal static class TestAnswers
{
    /// <summary>Answers from (item, worker, label) triples, in the given order.</summary>
    public static List<ClassAnswer> From(params (string Item, string Worker, string Label)[] rows) =>
        [.. rows.Select(r => new ClassAnswer(r.Item, r.Worker, r.Label))];

    /// <summary>
    /// Calibration items c0..c(count-1) whose true label cycles through <paramref name="labels"/>; each worker
    /// answers every item through <paramref name="answer"/>(worker, item index, true label).
    /// </summary>
    public static List<ClassAnswer> Calibration(
        int count, string[] labels, string[] workers, Func<string, int, string, string> answer)
    {
        var answers = new List<ClassAnswer>();
        for (int j = 0; j < count; j++)
        {
            string truth = labels[j % labels.Length];
            foreach (string worker in workers)
            {
                answers.Add(new ClassAnswer($"c{j}", worker, answer(worker, j, truth)));
            }
        }

        return answers;
    }

    /// <summary>The decision for <paramref name="itemId"/>.</summary>
    public static ClassDecision For(this IReadOnlyList<ClassDecision> decisions, string itemId) =>
        decisions.Single(d => d.ItemId == itemId);
}
