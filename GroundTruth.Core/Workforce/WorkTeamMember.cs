namespace GroundTruth.Core.Workforce;

/// <summary>A user's membership of a work team.</summary>
public sealed class WorkTeamMember
{
    /// <summary>The team.</summary>
    public Guid WorkTeamId { get; set; }

    /// <summary>The member's user id.</summary>
    public required string UserId { get; set; }

    /// <summary>When the user joined.</summary>
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>When the member last took a task from one of the team's jobs.</summary>
    public DateTimeOffset? LastActiveAt { get; set; }
}
