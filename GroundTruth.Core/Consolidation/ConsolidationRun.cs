namespace GroundTruth.Core.Consolidation;

/// <summary>Where a consolidation run stands.</summary>
public enum RunStatus
{
    /// <summary>Waiting for the background runner.</summary>
    Queued,

    /// <summary>Being computed.</summary>
    Running,

    /// <summary>Labels and worker quality are stored.</summary>
    Completed,

    /// <summary>The run stopped on an error (see <see cref="ConsolidationRun.Error"/>).</summary>
    Failed,
}

/// <summary>
/// One consolidation of a whole job with chosen settings. Runs never change worker responses or each other: every
/// run keeps its own labels, and the requester picks which one the output manifest uses.
/// </summary>
public sealed class ConsolidationRun
{
    /// <summary>The run's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The job.</summary>
    public Guid JobId { get; set; }

    /// <summary>The method and its settings.</summary>
    public required ConsolidationSettings Settings { get; set; }

    /// <summary>Where the run stands.</summary>
    public RunStatus Status { get; set; }

    /// <summary>Who asked for the run.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>When the run was asked for.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the run finished.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Objects labeled by the run.</summary>
    public int ObjectCount { get; set; }

    /// <summary>Objects whose label differs from the per-object (live) label.</summary>
    public int ChangedCount { get; set; }

    /// <summary>Per-worker quality the run estimated, as JSON (a list of worker quality records).</summary>
    public string WorkerQualityJson { get; set; } = "[]";

    /// <summary>Why the run failed.</summary>
    public string? Error { get; set; }
}
