namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>One output box of <see cref="BoxConsolidator"/>.</summary>
/// <param name="Box">The fused box with the voted label.</param>
/// <param name="Confidence">
/// <c>support share × weighted mean IoU of the members to the fused box</c>, in [0, 1]; 0 when only one worker
/// answered the image (as Ground Truth reports 0.00 for single-worker objects).
/// </param>
/// <param name="WorkerIds">The workers whose boxes formed this cluster.</param>
public sealed record ConsolidatedBox(Box Box, double Confidence, IReadOnlyList<string> WorkerIds);
