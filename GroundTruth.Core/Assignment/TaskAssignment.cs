namespace GroundTruth.Core.Assignment;

/// <summary>
/// One worker's task for one data object. A worker has at most one assignment per object, ever, so nobody labels
/// the same object twice.
/// </summary>
public sealed class TaskAssignment
{
    /// <summary>Database identity; also the task id workers see.</summary>
    public long Id { get; set; }

    /// <summary>The job.</summary>
    public Guid JobId { get; set; }

    /// <summary>The data object.</summary>
    public long DataObjectId { get; set; }

    /// <summary>The worker's user id.</summary>
    public required string WorkerId { get; set; }

    /// <summary>Where the task stands.</summary>
    public AssignmentState State { get; set; }

    /// <summary>When the worker accepted the task.</summary>
    public DateTimeOffset AcceptedAt { get; set; }

    /// <summary>When the task returns to the pool unless submitted.</summary>
    public DateTimeOffset LeaseExpiresAt { get; set; }

    /// <summary>Work in progress saved by the worker's tool (the answer so far, as JSON), restored after a reload.</summary>
    public string? DraftJson { get; set; }

    /// <summary>When the draft was last saved.</summary>
    public DateTimeOffset? DraftSavedAt { get; set; }

    /// <summary>When the task was submitted, released, declined or expired.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Whether the assignment still holds its object's slot (live or submitted).</summary>
    public static bool HoldsSlot(AssignmentState state) => state is AssignmentState.Active or AssignmentState.Submitted;
}
