namespace GroundTruth.Core.Assignment;

/// <summary>Where one worker's task for one object stands.</summary>
public enum AssignmentState
{
    /// <summary>Held by the worker until the lease expires.</summary>
    Active,

    /// <summary>The worker answered.</summary>
    Submitted,

    /// <summary>The worker gave the task back; it returned to the pool.</summary>
    Released,

    /// <summary>The worker declined the object (instructions unclear, data does not display).</summary>
    Declined,

    /// <summary>The time limit ran out before the worker answered; the task returned to the pool.</summary>
    Expired,
}
