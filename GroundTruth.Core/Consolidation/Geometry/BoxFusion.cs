namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>How a cluster's box edges are combined into the consolidated box.</summary>
public enum BoxFusion
{
    /// <summary>Reliability-weighted mean of each edge (Ground Truth: "averages them").</summary>
    WeightedMean,

    /// <summary>Reliability-weighted median of each edge (robust to one far-off member in small clusters).</summary>
    WeightedMedian,
}
