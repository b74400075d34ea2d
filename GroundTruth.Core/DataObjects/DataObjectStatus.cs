namespace GroundTruth.Core.DataObjects;

/// <summary>Where one data object stands in its job.</summary>
public enum DataObjectStatus
{
    /// <summary>Waiting for more answers.</summary>
    Pending,

    /// <summary>Enough answers arrived and were consolidated.</summary>
    Labeled,

    /// <summary>Could not be labeled: not picked up within the availability lifetime, or every worker declined.</summary>
    Failed,
}
