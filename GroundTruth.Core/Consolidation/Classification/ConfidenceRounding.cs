namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// Ground Truth's confidence rule: <c>round(p, 2)</c> (Python's round, i.e. half to even, as in AWS's published
/// <c>MulticlassDawidSkeneEM</c>), and 0.00 when a single worker answered (Developer Guide, "Output data").
/// </summary>
internal static class ConfidenceRounding
{
    /// <summary>Rounds <paramref name="probability"/> for output.</summary>
    /// <param name="probability">A probability; values outside [0, 1] are clamped and NaN becomes 0.</param>
    /// <param name="answerCount">How many answers the item received.</param>
    /// <returns>The confidence to report.</returns>
    public static double Round(double probability, int answerCount)
    {
        if (answerCount <= 1 || double.IsNaN(probability))
        {
            return 0.0;
        }

        return Math.Round(Math.Clamp(probability, 0.0, 1.0), 2, MidpointRounding.ToEven);
    }
}
