namespace GroundTruth.Core.Consolidation;

/// <summary>
/// The benchmarks' "strict" evaluation protocol (<c>shared/benchmarks/consolidation/README.md</c>, "Evaluation
/// protocols"): accuracy over the gold items that received at least one answer; each is scored by the
/// consolidator's own deterministic decision (arg-max, ties to the smallest label with default settings). Gold
/// items without answers and decided items without gold are left out. This is Crowd-Kit's protocol; Zheng et al.
/// (PVLDB 2017) instead score every gold item and credit unanswered ones at random.
/// </summary>
public static class ConsolidationAccuracy
{
    /// <summary>Scores decisions against gold labels (ordinal string comparison).</summary>
    /// <param name="decisions">One decision per answered item.</param>
    /// <param name="gold">Gold label by item id.</param>
    /// <returns>The counts and the accuracy.</returns>
    public static AccuracyReport Strict(IReadOnlyList<ClassDecision> decisions, IReadOnlyDictionary<string, string> gold)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(gold);
        int evaluated = 0;
        int correct = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClassDecision decision in decisions)
        {
            if (decision.AnswerCount < 1 || !seen.Add(decision.ItemId)
                || !gold.TryGetValue(decision.ItemId, out string? truth))
            {
                continue;
            }

            evaluated++;
            if (string.Equals(decision.Label, truth, StringComparison.Ordinal))
            {
                correct++;
            }
        }

        return new AccuracyReport(gold.Count, evaluated, correct);
    }

    /// <summary>Consolidates <paramref name="answers"/> and scores the result with <see cref="Strict(IReadOnlyList{ClassDecision}, IReadOnlyDictionary{string, string})"/>.</summary>
    /// <param name="consolidator">The algorithm.</param>
    /// <param name="answers">Every answer.</param>
    /// <param name="gold">Gold label by item id.</param>
    /// <returns>The counts and the accuracy.</returns>
    public static AccuracyReport Strict(
        IClassConsolidator consolidator, IReadOnlyList<ClassAnswer> answers, IReadOnlyDictionary<string, string> gold)
    {
        ArgumentNullException.ThrowIfNull(consolidator);
        return Strict(consolidator.Consolidate(answers), gold);
    }
}
