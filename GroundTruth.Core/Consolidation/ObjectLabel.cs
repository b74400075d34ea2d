namespace GroundTruth.Core.Consolidation;

/// <summary>A data object's consolidated label from a job-wide run.</summary>
/// <param name="ObjectId">The data object.</param>
/// <param name="Annotation">The label value and task-specific metadata.</param>
/// <param name="Confidence">The confidence of the label (the lowest per-label confidence for multi-label), 0–1.</param>
public sealed record ObjectLabel(long ObjectId, ConsolidatedAnnotation Annotation, double Confidence);
