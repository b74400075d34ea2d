namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>How an EM consolidator models a worker.</summary>
internal enum WorkerModel
{
    /// <summary>A full K x K confusion matrix per worker (Dawid and Skene 1979).</summary>
    ConfusionMatrix,

    /// <summary>One accuracy per worker, errors spread evenly over the other classes ("one-coin").</summary>
    OneCoin,
}
