namespace GroundTruth.Core.Consolidation.Spans;

/// <summary>One output entity of <see cref="SpanConsolidator"/>.</summary>
/// <param name="Entity">The consolidated span and label.</param>
/// <param name="Confidence">Support share (cluster weight / answering workers' weight); 0 with one worker.</param>
/// <param name="WorkerIds">Workers whose spans formed the cluster.</param>
public sealed record ConsolidatedSpan(EntitySpan Entity, double Confidence, IReadOnlyList<string> WorkerIds);
