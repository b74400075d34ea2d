namespace GroundTruth.Core.Consolidation.Spans;

/// <summary>A labelled character span as <c>crowd-entity-annotation</c> reports it: <c>{label, startOffset, endOffset}</c> (end exclusive).</summary>
/// <param name="Label">The entity label.</param>
/// <param name="StartOffset">First character offset.</param>
/// <param name="EndOffset">Offset one past the last character.</param>
public sealed record EntitySpan(string Label, int StartOffset, int EndOffset)
{
    /// <summary>Jaccard index of the two character ranges (labels ignored); 0 when both are empty.</summary>
    /// <param name="a">First span.</param>
    /// <param name="b">Second span.</param>
    /// <returns>|a ∩ b| / |a ∪ b|.</returns>
    public static double Jaccard(EntitySpan a, EntitySpan b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var inter = Math.Max(0, Math.Min(a.EndOffset, b.EndOffset) - Math.Max(a.StartOffset, b.StartOffset));
        var union = (a.EndOffset - a.StartOffset) + (b.EndOffset - b.StartOffset) - inter;
        return union > 0 ? (double)inter / union : 0;
    }
}
