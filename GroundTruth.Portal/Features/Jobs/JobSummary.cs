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
    DateTimeOffset LastModifiedAt);

public sealed record ImportProgress(long LinesRead, long LinesRejected, long BytesRead, long BytesTotal)
{
    public double Fraction => BytesTotal == 0 ? 1 : Math.Min(1, (double)BytesRead / BytesTotal);
}

public sealed record ObjectRow(long Id, long DatasetObjectId, string Source, DataObjectStatus Status, int Responses, string? Label, double? Confidence)
{
    /// <summary>For semantic segmentation, the store key of the consolidated mask (the <c>-ref</c> value).</summary>
    public string? MaskRef { get; init; }
}

public sealed record ImportErrorRow(long LineNumber, string Message);

public sealed record TeamOption(Guid Id, string Name, int Members);
