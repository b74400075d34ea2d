using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Crowd;

/// <summary>The public crowd: its one work team (made on first need) and what its workers earned.</summary>
public sealed class PublicCrowdService(IDbContextFactory<GroundTruthDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The public team's id, creating the team when it does not exist yet.</summary>
    public async Task<Guid> EnsureTeamAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.WorkTeams.Where(t => t.Kind == WorkforceKind.Public).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is not null)
        {
            return id.Value;
        }

        var team = new WorkTeam
        {
            Id = Guid.NewGuid(),
            Name = PublicCrowd.TeamName,
            Description = "Everyone who registered as a public worker; paid per task, for data without personal information.",
            Kind = WorkforceKind.Public,
            CreatedAt = time.GetUtcNow(),
        };
        db.WorkTeams.Add(team);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return team.Id;
        }
        catch (DbUpdateException)
        {
            // Made at the same moment by another request; the name is unique.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await again.WorkTeams.Where(t => t.Kind == WorkforceKind.Public).Select(t => t.Id).FirstAsync(cancellationToken);
        }
    }

    /// <summary>Makes the user a member of the public team.</summary>
    public async Task JoinAsync(string userId, CancellationToken cancellationToken = default)
    {
        var teamId = await EnsureTeamAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.WorkTeamMembers.AnyAsync(m => m.WorkTeamId == teamId && m.UserId == userId, cancellationToken))
        {
            db.WorkTeamMembers.Add(new WorkTeamMember { WorkTeamId = teamId, UserId = userId, AddedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The worker's submitted tasks on priced (public-crowd) jobs, and what they add up to.</summary>
    public async Task<Earnings> GetEarningsAsync(string workerId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from r in db.Responses.AsNoTracking()
                          join j in db.Jobs on r.JobId equals j.Id
                          where r.WorkerId == workerId && j.PricePerTask != null
                          select new { j.Name, r.SubmissionTime, Price = j.PricePerTask!.Value, j.Currency }).ToListAsync(cancellationToken);
        var tasks = rows.OrderByDescending(r => r.SubmissionTime)
            .Select(r => new EarningRow(r.Name, r.SubmissionTime, r.Price, r.Currency ?? PublicCrowd.Currency)).ToList();
        return new Earnings(tasks, [.. tasks.GroupBy(t => t.Currency).Select(g => (g.Sum(t => t.Price), g.Key)).OrderBy(t => t.Item2, StringComparer.Ordinal)]);
    }
}
