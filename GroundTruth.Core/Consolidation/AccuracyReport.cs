namespace GroundTruth.Core.Consolidation;

/// <summary>How well consolidated labels match gold labels.</summary>
/// <param name="GoldItems">Items with a gold label.</param>
/// <param name="Evaluated">Gold items that received at least one answer: the denominator.</param>
/// <param name="Correct">Evaluated items whose consolidated label equals the gold label.</param>
public sealed record AccuracyReport(int GoldItems, int Evaluated, int Correct)
{
    /// <summary><see cref="Correct"/> / <see cref="Evaluated"/>, or 0 when nothing was evaluated.</summary>
    public double Accuracy => Evaluated == 0 ? 0.0 : Correct / (double)Evaluated;
}
