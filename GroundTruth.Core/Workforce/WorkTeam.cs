namespace GroundTruth.Core.Workforce;

/// <summary>A group of workers a job is sent to.</summary>
public sealed class WorkTeam
{
    /// <summary>The team's identifier.</summary>
    public Guid Id { get; set; }

    /// <summary>The team name (1–63 characters, unique).</summary>
    public required string Name { get; set; }

    /// <summary>What the team does (up to 200 characters).</summary>
    public string Description { get; set; } = "";

    /// <summary>Which workforce the team belongs to.</summary>
    public WorkforceKind Kind { get; set; } = WorkforceKind.Private;

    /// <summary>When the team was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The members.</summary>
    public List<WorkTeamMember> Members { get; set; } = [];
}
