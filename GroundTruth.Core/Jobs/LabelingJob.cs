namespace GroundTruth.Core.Jobs;

/// <summary>
/// A labeling job: what to label, how, by whom, and where it stands. Field names follow CreateLabelingJob and
/// DescribeLabelingJob so the API and the output stay recognisable to Ground Truth users.
/// </summary>
public sealed class LabelingJob
{
    /// <summary>The job's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The job name, unique case-insensitively (<c>LabelingJobName</c>).</summary>
    public required string Name { get; set; }

    /// <summary>The name in lower case; unique, because Ground Truth job names are unique case-insensitively.</summary>
    public string NameKey { get; set; } = "";

    /// <summary>The key the output manifest stores labels under (<c>LabelAttributeName</c>).</summary>
    public required string LabelAttributeName { get; set; }

    /// <summary>What workers do.</summary>
    public TaskType TaskType { get; set; }

    /// <summary>The label categories, in the order that defines class indices.</summary>
    public List<LabelCategory> Labels { get; set; } = [];

    /// <summary>What workers read beside each task, and the examples shown with it.</summary>
    public JobInstructions Instructions { get; set; } = new();

    /// <summary>
    /// The input manifest key holding an earlier job's labels: for named-entity adjustment, entities to start from (a
    /// previous text-span label or a plain entities array); for verification and adjustment of image shapes, the
    /// earlier job's label attribute (see <see cref="Review.EarlierLabels"/>). <c>null</c> when workers start from nothing.
    /// </summary>
    public string? PreAnnotationsAttribute { get; set; }

    /// <summary>The work team whose members may take tasks.</summary>
    public Guid WorkTeamId { get; set; }

    /// <summary>For a job sent to a vendor: the vendor company, kept even if its team changes.</summary>
    public Guid? VendorCompanyId { get; set; }

    /// <summary>For a vendor job: the vendor's price per object as listed when the job was created.</summary>
    public decimal? PricePerObject { get; set; }

    /// <summary>For a public-crowd job: what a worker is paid per submitted task.</summary>
    public decimal? PricePerTask { get; set; }

    /// <summary>ISO 4217 currency of <see cref="PricePerObject"/> or <see cref="PricePerTask"/>; <c>null</c> for unpriced jobs.</summary>
    public string? Currency { get; set; }

    /// <summary>For a public-crowd job: when the requester confirmed the data holds no personal or confidential information.</summary>
    public DateTimeOffset? NoPersonalDataConfirmedAt { get; set; }

    /// <summary>The user who created the job.</summary>
    public required string RequesterId { get; set; }

    /// <summary>How many workers label each object (1–9, <c>NumberOfHumanWorkersPerDataObject</c>).</summary>
    public int WorkersPerObject { get; set; } = 3;

    /// <summary>How long a worker has for one task once accepted (<c>TaskTimeLimitInSeconds</c>, 30–28,800).</summary>
    public int TaskTimeLimitSeconds { get; set; } = 300;

    /// <summary>How long an object waits to be picked up before it fails (<c>TaskAvailabilityLifetimeInSeconds</c>).</summary>
    public int TaskAvailabilityLifetimeSeconds { get; set; } = 864_000;

    /// <summary>The most tasks of this job one worker may hold at once.</summary>
    public int MaxConcurrentTasksPerWorker { get; set; } = 1;

    /// <summary>Where the job stands.</summary>
    public JobStatus Status { get; set; } = JobStatus.Initializing;

    /// <summary>Why the job failed, when it did.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Storage key of the input manifest as uploaded.</summary>
    public string? InputManifestKey { get; set; }

    /// <summary>Lines of the input manifest read so far.</summary>
    public long ImportLinesRead { get; set; }

    /// <summary>Lines of the input manifest rejected so far.</summary>
    public long ImportLinesRejected { get; set; }

    /// <summary>Bytes of the input manifest read so far, for the import progress bar.</summary>
    public long ImportBytesRead { get; set; }

    /// <summary>Size of the input manifest in bytes.</summary>
    public long ImportBytesTotal { get; set; }

    /// <summary>Objects labeled by people.</summary>
    public int HumanLabeled { get; set; }

    /// <summary>Objects labeled by automated labeling.</summary>
    public int MachineLabeled { get; set; }

    /// <summary>Objects that failed for good.</summary>
    public int FailedNonRetryableError { get; set; }

    /// <summary>Objects imported into the job.</summary>
    public int TotalObjects { get; set; }

    /// <summary>When the job was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When anything about the job last changed.</summary>
    public DateTimeOffset LastModifiedAt { get; set; }

    /// <summary>The consolidation run the output manifest uses; <c>null</c> for the per-object labels made as answers arrive.</summary>
    public Guid? SelectedRunId { get; set; }

    /// <summary>Optimistic-concurrency token, changed on every status change.</summary>
    public Guid Version { get; set; }

    /// <summary>The descriptor of <see cref="TaskType"/>.</summary>
    public TaskTypeDescriptor Descriptor => TaskTypes.Get(TaskType);

    /// <summary>DescribeLabelingJob's counters, derived from the stored counts.</summary>
    public LabelCounters Counters => new(
        HumanLabeled + MachineLabeled,
        HumanLabeled,
        MachineLabeled,
        FailedNonRetryableError,
        Math.Max(0, TotalObjects - HumanLabeled - MachineLabeled - FailedNonRetryableError));

    /// <summary>Whether workers may take tasks now.</summary>
    public bool AcceptsWork => Status == JobStatus.InProgress;
}
