namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>Settings for <see cref="KeypointConsolidator"/>.</summary>
public sealed record KeypointConsolidationOptions
{
    /// <summary>
    /// Per-keypoint falloff κ of the OKS similarity <c>exp(−d² / (2 s² κ²))</c>, where s is the scale passed to
    /// <see cref="KeypointConsolidator.Consolidate"/>. COCO uses κ = 0.025–0.107 with s = √(object area);
    /// default 0.05.
    /// </summary>
    public double Kappa { get; init; } = 0.05;

    /// <summary>Minimum OKS for two points to be the same keypoint (default 0.5).</summary>
    public double OksThreshold { get; init; } = 0.5;

    /// <summary>A member farther than this many times the cluster's median distance from the median point is an outlier (default 2.5).</summary>
    public double OutlierFactor { get; init; } = 2.5;

    /// <summary>Clusters need strictly more than this share of the answering workers' weight (default 0.5).</summary>
    public double QuorumFraction { get; init; } = 0.5;
}
