namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>Settings for <see cref="BoxConsolidator"/> and <see cref="BoxReliability"/>.</summary>
public sealed record BoxConsolidationOptions
{
    /// <summary>Minimum IoU for two boxes to be the same object (default 0.5, the PASCAL VOC criterion).</summary>
    public double IouThreshold { get; init; } = 0.5;

    /// <summary>
    /// A cluster is kept only when its members' weight is strictly greater than this share of the total weight of
    /// the workers who answered the image (default 0.5: "more than half"). 0 keeps every cluster.
    /// </summary>
    public double QuorumFraction { get; init; } = 0.5;

    /// <summary>How member boxes are combined (default <see cref="BoxFusion.WeightedMean"/>).</summary>
    public BoxFusion Fusion { get; init; } = BoxFusion.WeightedMean;

    /// <summary>
    /// Exponent applied to the reliability weights when fusing coordinates only (default 1). Quorum, label vote and
    /// confidence always use the weights as given. Values above 1 let the most precise workers dominate the geometry
    /// (close to inverse-variance weighting when weights track precision) without letting one heavy worker pass the
    /// quorum alone.
    /// </summary>
    public double FusionWeightExponent { get; init; } = 1;
}
