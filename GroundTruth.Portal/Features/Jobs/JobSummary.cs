using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Portal.Features.Jobs;

public sealed record JobSummary(
    Guid Id,
    string Name,
    TaskType TaskType,
    JobStatus Status,
    LabelCounters Counters,
    int WorkersPerObject,
    DateTimeOffset CreatedAt);

public sealed record JobDetails(
    Guid Id,
    string Name,
    string LabelAttributeName,
    TaskType TaskType,
    JobStatus Status,
    string? FailureReason,
    IReadOnlyList<LabelCategory> Labels,
    string TeamName,
    int WorkersPerObject,
    int TaskTimeLimitSeconds,
    int TaskAvailabilityLifetimeSeconds,
    int MaxConcurrentTasksPerWorker,
    LabelCounters Counters,
    ImportProgress Import,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastModifiedAt)
{
    /// <summary>Which workforce labels the job.</summary>
    public Core.Workforce.WorkforceKind Workforce { get; init; }

    /// <summary>Vendor jobs: the price per object snapshotted from the listing.</summary>
    public decimal? PricePerObject { get; init; }

    /// <summary>Public-crowd jobs: the price per task.</summary>
    public decimal? PricePerTask { get; init; }

    public string? Currency { get; init; }

    /// <summary>Public-crowd jobs: when the requester confirmed the data holds no personal or confidential information.</summary>
    public DateTimeOffset? NoPersonalDataConfirmedAt { get; init; }
}

public sealed record ImportProgress(long LinesRead, long LinesRejected, long BytesRead, long BytesTotal)
{
    public double Fraction => BytesTotal == 0 ? 1 : Math.Min(1, (double)BytesRead / BytesTotal);
}

public sealed record ObjectRow(long Id, long DatasetObjectId, string Source, DataObjectStatus Status, int Responses, string? Label, double? Confidence)
{
    /// <summary>For semantic segmentation, the store key of the consolidated mask (the <c>-ref</c> value).</summary>
    public string? MaskRef { get; init; }

    /// <summary>For shape jobs, the consolidated shapes (of the run chosen for output, if any), in image pixels.</summary>
    public IReadOnlyList<Core.Annotations.ImageShape>? Shapes { get; init; }

    /// <summary>Why the object could not be labeled (a missing or undecodable image, not picked up in time, …).</summary>
    public string? FailureReason { get; init; }

    /// <summary>The image's size recorded at import, when it is an image.</summary>
    public Core.Annotations.ImageSize? ImageSize { get; init; }
}

public sealed record ImportErrorRow(long LineNumber, string Message);

/// <summary>A workforce a requester may send a job to: a private team, a subscribed vendor, or the public crowd.</summary>
public sealed record TeamOption(Guid Id, string Name, int Members)
{
    public Core.Workforce.WorkforceKind Kind { get; init; }

    /// <summary>Vendors: the listed price per object.</summary>
    public decimal? PricePerObject { get; init; }

    public string? Currency { get; init; }

    /// <summary>Vendors: the task types they take on.</summary>
    public IReadOnlyList<TaskType> Capabilities { get; init; } = [];
}
