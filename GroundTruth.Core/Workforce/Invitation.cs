namespace GroundTruth.Core.Workforce;

/// <summary>
/// An invitation for a person to join as a worker (and a team). Only a hash of the link's secret is stored, so a
/// database leak does not hand out accounts; the link works once and until it expires.
/// </summary>
public sealed class Invitation
{
    /// <summary>The invitation's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The invitee's e-mail address; it becomes their user name.</summary>
    public required string Email { get; set; }

    /// <summary>The role the invitee gets.</summary>
    public required string Role { get; set; }

    /// <summary>The team the invitee joins, if any.</summary>
    public Guid? WorkTeamId { get; set; }

    /// <summary>SHA-256 of the secret in the invitation link, hex.</summary>
    public required string TokenHash { get; set; }

    /// <summary>Who invited.</summary>
    public required string InvitedBy { get; set; }

    /// <summary>When the invitation was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this instant the link no longer works.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the invitee accepted, once they have.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>The account created on acceptance.</summary>
    public string? UserId { get; set; }
}
