using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>Merges the answers several workers gave for one data object into one label, per task type.</summary>
public interface IAnnotationConsolidator
{
    /// <summary>A short name recorded with each consolidation, e.g. <c>majority-vote</c>.</summary>
    string Name { get; }

    /// <summary>Consolidates <paramref name="answers"/> (at least one) for a job with the given labels.</summary>
    ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers);
}
