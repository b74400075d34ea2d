using GroundTruth.Core.Audit;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Admin;

/// <summary>What a member has done lately: the last sign-in (from the audit log), tasks submitted and the last time they worked.</summary>
public sealed record MemberActivity(DateTimeOffset? LastSignIn, int TasksSubmitted, DateTimeOffset? LastActive)
{
    public static MemberActivity None { get; } = new(null, 0, null);

    /// <summary>Activity of every user, across all jobs.</summary>
    internal static async Task<IReadOnlyDictionary<string, MemberActivity>> LoadAsync(GroundTruthDbContext db, CancellationToken cancellationToken)
    {
        var signIns = await SignInsAsync(db.AuditLog.AsNoTracking(), cancellationToken);
        var submitted = await db.Responses.AsNoTracking().GroupBy(r => r.WorkerId)
            .Select(g => new { UserId = g.Key, Count = g.Count(), Last = g.Max(r => r.SubmissionTime) })
            .ToDictionaryAsync(x => x.UserId, x => (x.Count, x.Last), cancellationToken);
        var claimed = await db.WorkTeamMembers.AsNoTracking().Where(m => m.LastActiveAt != null).GroupBy(m => m.UserId)
            .Select(g => new { UserId = g.Key, Last = g.Max(m => m.LastActiveAt) })
            .ToDictionaryAsync(x => x.UserId, x => x.Last, cancellationToken);
        return Combine(signIns, submitted, claimed);
    }

    /// <summary>
    /// Per team, its members' activity counting only that team's jobs: three queries for any number of teams (sign-ins
    /// of the members, submissions grouped by team and worker, the members' last claims).
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, Dictionary<string, MemberActivity>>> LoadForTeamsAsync(
        GroundTruthDbContext db, IReadOnlyCollection<Guid> teamIds, CancellationToken cancellationToken)
    {
        var members = db.WorkTeamMembers.AsNoTracking().Where(m => teamIds.Contains(m.WorkTeamId));
        var signIns = await SignInsAsync(db.AuditLog.AsNoTracking().Where(e => members.Any(m => m.UserId == e.ActorId)), cancellationToken);
        var submitted = (await db.Responses.AsNoTracking()
            .Join(db.Jobs, r => r.JobId, j => j.Id, (r, j) => new { j.WorkTeamId, r.WorkerId, r.SubmissionTime })
            .Where(x => teamIds.Contains(x.WorkTeamId))
            .GroupBy(x => new { x.WorkTeamId, x.WorkerId })
            .Select(g => new { g.Key.WorkTeamId, g.Key.WorkerId, Count = g.Count(), Last = g.Max(x => x.SubmissionTime) })
            .ToListAsync(cancellationToken)).ToLookup(x => x.WorkTeamId);
        var claimed = (await members.Where(m => m.LastActiveAt != null)
            .Select(m => new { m.WorkTeamId, m.UserId, m.LastActiveAt }).ToListAsync(cancellationToken)).ToLookup(m => m.WorkTeamId);
        return teamIds.Distinct().ToDictionary(team => team, team => Combine(
            signIns,
            submitted[team].ToDictionary(x => x.WorkerId, x => (x.Count, x.Last)),
            claimed[team].ToDictionary(m => m.UserId, m => m.LastActiveAt)));
    }

    private static Task<Dictionary<string, DateTimeOffset>> SignInsAsync(IQueryable<AuditEntry> entries, CancellationToken cancellationToken) =>
        entries.Where(e => e.Action == AuditActions.SignIn && e.ActorId != null)
            .GroupBy(e => e.ActorId!)
            .Select(g => new { UserId = g.Key, Last = g.Max(e => e.At) })
            .ToDictionaryAsync(x => x.UserId, x => x.Last, cancellationToken);

    private static Dictionary<string, MemberActivity> Combine(
        Dictionary<string, DateTimeOffset> signIns, Dictionary<string, (int Count, DateTimeOffset Last)> submitted, Dictionary<string, DateTimeOffset?> claimed) =>
        signIns.Keys.Concat(submitted.Keys).Concat(claimed.Keys).Distinct().ToDictionary(id => id, id =>
        {
            var (count, lastSubmit) = submitted.TryGetValue(id, out var s) ? (s.Count, (DateTimeOffset?)s.Last) : (0, null);
            var lastClaim = claimed.GetValueOrDefault(id);
            var lastActive = lastSubmit > lastClaim || lastClaim is null ? lastSubmit : lastClaim;
            return new MemberActivity(signIns.TryGetValue(id, out var signIn) ? signIn : null, count, lastActive);
        });
}
