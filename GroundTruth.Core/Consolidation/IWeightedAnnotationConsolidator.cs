using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// A per-object consolidator that can weight workers by reliability and says how well each worker agreed with the
/// result, so a job-wide run can learn the weights (<see cref="JobConsolidation"/>).
/// </summary>
public interface IWeightedAnnotationConsolidator : IAnnotationConsolidator
{
    /// <summary>Consolidates <paramref name="answers"/> (at least one) with optional reliability weights per worker id.</summary>
    /// <param name="labels">The job's label categories.</param>
    /// <param name="answers">One answer per worker.</param>
    /// <param name="weights">Weight per worker id (1 when missing or when the dictionary is <c>null</c>).</param>
    WeightedConsolidation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers, IReadOnlyDictionary<string, double>? weights);
}

/// <summary>The result of <see cref="IWeightedAnnotationConsolidator.Consolidate(IReadOnlyList{LabelCategory}, IReadOnlyList{WorkerAnswer}, IReadOnlyDictionary{string, double}?)"/>.</summary>
/// <param name="Annotation">The label value and metadata for the output manifest.</param>
/// <param name="Confidence">One confidence for the object (the disagreement queue sorts by it).</param>
/// <param name="Agreement">Per worker id, how well their answer matched the result, in [0, 1] (<see cref="ClusterAgreement"/>).</param>
public sealed record WeightedConsolidation(ConsolidatedAnnotation Annotation, double Confidence, IReadOnlyDictionary<string, double> Agreement);
