namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>Settings for <see cref="PolygonConsolidator"/>.</summary>
public sealed record PolygonConsolidationOptions
{
    /// <summary>Minimum mask IoU for two polygons to be the same object (default 0.5).</summary>
    public double IouThreshold { get; init; } = 0.5;

    /// <summary>Clusters need strictly more than this share of the answering workers' weight (default 0.5).</summary>
    public double QuorumFraction { get; init; } = 0.5;

    /// <summary>Douglas–Peucker tolerance in pixels for re-traced outlines (default 0.75).</summary>
    public double SimplifyTolerance { get; init; } = 0.75;

    /// <summary>
    /// Longest side of the raster, in cells. Images larger than this are rasterised at a coarser cell size, which
    /// bounds memory and time (default 1024).
    /// </summary>
    public int MaxRasterSide { get; init; } = 1024;
}
