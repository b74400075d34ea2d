namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// Plurality vote: the label most workers chose; confidence = the share of the item's answers that chose it.
/// Every answer counts once, including repeated answers by the same worker. Ties are broken by
/// <see cref="MajorityVoteOptions.TieBreak"/>, deterministically.
/// </summary>
/// <param name="options">Settings; <see langword="null"/> means <see cref="MajorityVoteOptions.Default"/>.</param>
public sealed class MajorityVote(MajorityVoteOptions? options = null) : IClassConsolidator
{
    private readonly MajorityVoteOptions _options = options ?? MajorityVoteOptions.Default;

    /// <inheritdoc />
    public string Name => "MV";

    /// <inheritdoc />
    public IReadOnlyList<ClassDecision> Consolidate(IReadOnlyList<ClassAnswer> answers)
    {
        AnswerTable table = AnswerTable.Create(answers, _options.LabelCategories);
        int k = table.ClassCount;
        var votes = new int[k];
        var firstSeen = new int[k];
        var decisions = new ClassDecision[table.ItemCount];
        for (int i = 0; i < table.ItemCount; i++)
        {
            int start = table.ItemStart[i];
            int end = table.ItemStart[i + 1];
            Array.Clear(votes);
            Array.Fill(firstSeen, int.MaxValue);
            for (int n = start; n < end; n++)
            {
                int label = table.Label[n];
                votes[label]++;
                if (firstSeen[label] == int.MaxValue)
                {
                    firstSeen[label] = n;
                }
            }

            int best = Pick(votes, firstSeen, _options.TieBreak);
            int count = end - start;
            decisions[i] = new ClassDecision(
                table.ItemIds[i],
                table.Labels[best],
                ConfidenceRounding.Round(votes[best] / (double)count, count),
                count);
        }

        return decisions;
    }

    private static int Pick(int[] votes, int[] firstSeen, TieBreak tieBreak)
    {
        int best = 0;
        for (int l = 1; l < votes.Length; l++)
        {
            bool better = votes[l] > votes[best]
                || (votes[l] == votes[best] && tieBreak == TieBreak.FirstAnswer && firstSeen[l] < firstSeen[best]);
            if (better)
            {
                best = l;
            }
        }

        return best;
    }
}
