namespace GroundTruth.Core.Consolidation;

/// <summary>Merges several workers' single-label answers into one label per data object.</summary>
public interface IClassConsolidator
{
    /// <summary>A short, stable name for reports (e.g. <c>"MV"</c>, <c>"DS"</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Consolidates all answers of one job. The result has one decision per distinct item, in the order in which
    /// each item first appears in <paramref name="answers"/>; items without answers do not appear.
    /// </summary>
    /// <param name="answers">Every answer of the job; duplicate (item, worker) pairs each count.</param>
    /// <returns>One decision per answered item.</returns>
    IReadOnlyList<ClassDecision> Consolidate(IReadOnlyList<ClassAnswer> answers);
}
