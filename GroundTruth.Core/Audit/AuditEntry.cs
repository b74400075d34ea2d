namespace GroundTruth.Core.Audit;

/// <summary>One audited action: who did what to what, and when. Entries are only ever added.</summary>
public sealed class AuditEntry
{
    /// <summary>Database identity.</summary>
    public long Id { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The acting user's id, or <c>null</c> for an anonymous visitor or the system.</summary>
    public string? ActorId { get; set; }

    /// <summary>The acting user's name (e-mail) at the time, or what they typed when signing in failed.</summary>
    public string ActorName { get; set; } = "";

    /// <summary>What happened, one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it happened to (a job id, a user id, a team name…).</summary>
    public string Target { get; set; } = "";

    /// <summary>Anything else worth knowing, in words.</summary>
    public string Details { get; set; } = "";

    /// <summary>The client's address, when known.</summary>
    public string? IpAddress { get; set; }
}
