namespace GroundTruth.Core.Consolidation.Spans;

/// <summary>Settings for <see cref="SpanConsolidator"/>.</summary>
public sealed record SpanConsolidationOptions
{
    /// <summary>Minimum Jaccard index of character ranges for two spans to be one entity (default 0.5).</summary>
    public double JaccardThreshold { get; init; } = 0.5;

    /// <summary>Clusters need strictly more than this share of the answering workers' weight (default 0.5).</summary>
    public double QuorumFraction { get; init; } = 0.5;
}
