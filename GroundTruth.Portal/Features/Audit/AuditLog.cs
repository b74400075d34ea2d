using GroundTruth.Core.Audit;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Audit;

public sealed record AuditFilter(string? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Take = 500);

/// <summary>Writes and reads the audit log (who did what, when). Entries are never changed or deleted by the app.</summary>
public sealed class AuditLog(IDbContextFactory<GroundTruthDbContext> dbFactory, IHttpContextAccessor http, TimeProvider time)
{
    public async Task RecordAsync(string action, string? actorId, string actorName, string target, string details = "", CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            ActorId = actorId,
            ActorName = Truncate(actorName, 256),
            Action = action,
            Target = Truncate(target, 450),
            Details = details,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records on behalf of a user id, looking up their name.</summary>
    public async Task RecordForAsync(string action, string? actorId, string target, string details = "", CancellationToken cancellationToken = default)
    {
        string name = "";
        if (actorId is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            name = await db.Users.Where(u => u.Id == actorId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? actorId;
        }

        await RecordAsync(action, actorId, actorId is null ? "system" : name, target, details, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(e => e.ActorName.Contains(filter.Actor));
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.At <= to);
        }

        return await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(Math.Clamp(filter.Take, 1, 5000)).ToListAsync(cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
