using GroundTruth.Core.Audit;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Admin;

/// <summary>What a member has done lately: the last sign-in (from the audit log), tasks submitted and the last time they worked.</summary>
public sealed record MemberActivity(DateTimeOffset? LastSignIn, int TasksSubmitted, DateTimeOffset? LastActive)
{
    public static MemberActivity None { get; } = new(null, 0, null);

    /// <summary>Activity of every user, or of <paramref name="teamId"/>'s members counting only that team's jobs.</summary>
    internal static async Task<IReadOnlyDictionary<string, MemberActivity>> LoadAsync(GroundTruthDbContext db, Guid? teamId, CancellationToken cancellationToken)
    {
        var signIns = await db.AuditLog.AsNoTracking()
            .Where(e => e.Action == AuditActions.SignIn && e.ActorId != null)
            .GroupBy(e => e.ActorId!)
            .Select(g => new { UserId = g.Key, Last = g.Max(e => e.At) })
            .ToDictionaryAsync(x => x.UserId, x => x.Last, cancellationToken);
        var responses = db.Responses.AsNoTracking();
        var members = db.WorkTeamMembers.AsNoTracking();
        if (teamId is { } team)
        {
            responses = responses.Where(r => db.Jobs.Any(j => j.Id == r.JobId && j.WorkTeamId == team));
            members = members.Where(m => m.WorkTeamId == team);
        }

        var submitted = await responses.GroupBy(r => r.WorkerId)
            .Select(g => new { UserId = g.Key, Count = g.Count(), Last = g.Max(r => r.SubmissionTime) })
            .ToDictionaryAsync(x => x.UserId, cancellationToken);
        var claimed = await members.Where(m => m.LastActiveAt != null).GroupBy(m => m.UserId)
            .Select(g => new { UserId = g.Key, Last = g.Max(m => m.LastActiveAt) })
            .ToDictionaryAsync(x => x.UserId, x => x.Last, cancellationToken);
        return signIns.Keys.Concat(submitted.Keys).Concat(claimed.Keys).Distinct().ToDictionary(id => id, id =>
        {
            var (count, lastSubmit) = submitted.TryGetValue(id, out var s) ? (s.Count, (DateTimeOffset?)s.Last) : (0, null);
            var lastClaim = claimed.GetValueOrDefault(id);
            var lastActive = lastSubmit > lastClaim || lastClaim is null ? lastSubmit : lastClaim;
            return new MemberActivity(signIns.TryGetValue(id, out var signIn) ? signIn : null, count, lastActive);
        });
    }
}
