namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>Settings for <see cref="PolylineConsolidator"/>.</summary>
public sealed record PolylineConsolidationOptions
{
    /// <summary>
    /// Fréchet distance (pixels) at which two lines stop being the same object (default 10). The similarity used for
    /// matching and confidence is <c>1 / (1 + d / MatchDistance)</c>, so this distance is similarity 0.5.
    /// </summary>
    public double MatchDistance { get; init; } = 10;

    /// <summary>Points each line is resampled to before comparing (default 32).</summary>
    public int Samples { get; init; } = 32;

    /// <summary>Clusters need strictly more than this share of the answering workers' weight (default 0.5).</summary>
    public double QuorumFraction { get; init; } = 0.5;
}
