using GroundTruth.Core.Validation;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Security;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Admin;

public sealed record TeamRow(Guid Id, string Name, string Description, WorkforceKind Kind, IReadOnlyList<TeamMemberRow> Members);

/// <summary>A team managed outside the Work teams page (a vendor's, or the public crowd), as that page lists it.</summary>
public sealed record TeamSummary(Guid Id, string Name, string Description, WorkforceKind Kind, int MemberCount);

public sealed record TeamMemberRow(string UserId, string Email, bool Deactivated, MemberActivity Activity);

public sealed record WorkerOption(string UserId, string Email);

/// <summary>Work teams: create them and manage their members.</summary>
public sealed class WorkforceService(IDbContextFactory<GroundTruthDbContext> dbFactory, Audit.AuditLog audit, TimeProvider time)
{
    /// <summary>
    /// The private work teams. Vendor teams belong to their vendor admins and the public crowd fills itself through
    /// registration, so neither is managed (or invited into as private workers) here.
    /// </summary>
    public async Task<IReadOnlyList<TeamRow>> ListTeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.WorkTeams.AsNoTracking().Where(t => t.Kind == WorkforceKind.Private).Include(t => t.Members).ToListAsync(cancellationToken);
        var memberIds = teams.SelectMany(t => t.Members).Select(m => m.UserId).Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => (Email: u.Email ?? u.Id, Deactivated: AccountStatus.IsDeactivated(u.LockoutEnd)), cancellationToken);
        var activities = await MemberActivity.LoadForTeamsAsync(db, [.. teams.Select(t => t.Id)], cancellationToken);
        var rows = new List<TeamRow>();
        foreach (var t in teams.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase))
        {
            var activity = activities[t.Id];
            rows.Add(new TeamRow(t.Id, t.Name, t.Description, t.Kind, [.. t.Members
                .Select(m => accounts.TryGetValue(m.UserId, out var a)
                    ? new TeamMemberRow(m.UserId, a.Email, a.Deactivated, activity.GetValueOrDefault(m.UserId, MemberActivity.None))
                    : new TeamMemberRow(m.UserId, m.UserId, false, MemberActivity.None))
                .OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)]));
        }

        return rows;
    }

    /// <summary>Vendor teams and the public crowd, with their member counts (counted in the database: the crowd can be large).</summary>
    public async Task<IReadOnlyList<TeamSummary>> ListManagedElsewhereAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.WorkTeams.AsNoTracking().Where(t => t.Kind != WorkforceKind.Private)
            .Select(t => new TeamSummary(t.Id, t.Name, t.Description, t.Kind, db.WorkTeamMembers.Count(m => m.WorkTeamId == t.Id)))
            .ToListAsync(cancellationToken);
        return [.. teams.OrderBy(t => t.Kind).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Users who can work: anyone with a worker role.</summary>
    public async Task<IReadOnlyList<WorkerOption>> ListWorkersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workers = await (from u in db.Users
                             join ur in db.UserRoles on u.Id equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where Roles.Workers.Contains(r.Name!)
                             select new WorkerOption(u.Id, u.Email ?? u.Id)).Distinct().ToListAsync(cancellationToken);
        return [.. workers.OrderBy(w => w.Email, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<(Guid? TeamId, IReadOnlyList<FieldError> Errors)> CreateTeamAsync(
        string name, string description, IReadOnlyList<string> memberIds, string? actorId = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        name = name.Trim();
        if (name.Length is 0 or > 63)
        {
            errors.Add(new("Name", "A team name has 1–63 characters."));
        }

        if (description.Length > 200)
        {
            errors.Add(new("Description", "A description has at most 200 characters."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (errors.Count == 0 && await db.WorkTeams.AnyAsync(t => t.Name == name, cancellationToken))
        {
            errors.Add(new("Name", $"A team named '{name}' already exists."));
        }

        var known = await db.Users.Where(u => memberIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (known.Count != memberIds.Distinct().Count())
        {
            errors.Add(new("Members", "Some chosen members do not exist."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = time.GetUtcNow();
        var team = new WorkTeam
        {
            Id = Guid.NewGuid(),
            Name = name,
            Description = description.Trim(),
            Kind = WorkforceKind.Private,
            CreatedAt = now,
            Members = [.. known.Select(id => new WorkTeamMember { UserId = id, AddedAt = now })],
        };
        db.WorkTeams.Add(team);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordForAsync(Core.Audit.AuditActions.TeamCreated, actorId, team.Id.ToString(), $"{name} with {known.Count} members", cancellationToken);
        return (team.Id, []);
    }

    /// <summary>Adds a member to a team; audited once the member is added (not when they already were one).</summary>
    public async Task AddMemberAsync(Guid teamId, string userId, string? actorId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.WorkTeamMembers.AnyAsync(m => m.WorkTeamId == teamId && m.UserId == userId, cancellationToken))
        {
            return;
        }

        db.WorkTeamMembers.Add(new WorkTeamMember { WorkTeamId = teamId, UserId = userId, AddedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordForAsync(Core.Audit.AuditActions.TeamMembersChanged, actorId, teamId.ToString(), $"added {userId}", cancellationToken);
    }

    /// <summary>Removes a member from a team; audited once the member is removed (not when they were no member).</summary>
    public async Task RemoveMemberAsync(Guid teamId, string userId, string? actorId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var removed = await db.WorkTeamMembers.Where(m => m.WorkTeamId == teamId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            await audit.RecordForAsync(Core.Audit.AuditActions.TeamMembersChanged, actorId, teamId.ToString(), $"removed {userId}", cancellationToken);
        }
    }
}
