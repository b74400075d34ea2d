namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>One output point of <see cref="KeypointConsolidator"/>.</summary>
/// <param name="Keypoint">The fused point.</param>
/// <param name="Confidence">Inlier weight share × weighted mean OKS of the inliers to the fused point; 0 with one worker.</param>
/// <param name="WorkerIds">Workers whose points were kept as inliers.</param>
public sealed record ConsolidatedKeypoint(Keypoint Keypoint, double Confidence, IReadOnlyList<string> WorkerIds);
