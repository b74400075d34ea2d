namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>The mean of the Dirichlet prior that smooths each worker's confusion matrix.</summary>
public enum SmoothingTarget
{
    /// <summary>The crowd's pooled confusion matrix: a little-known worker is assumed to behave like the crowd.</summary>
    CrowdConfusion,

    /// <summary>
    /// The crowd's pooled accuracy on the diagonal and the rest spread evenly (a "one-coin" matrix): like
    /// <see cref="CrowdConfusion"/> without class-dependent bias.
    /// </summary>
    CrowdAccuracy,

    /// <summary>Every answer equally likely: a little-known worker is assumed to be guessing (add-constant smoothing).</summary>
    Uniform,
}
