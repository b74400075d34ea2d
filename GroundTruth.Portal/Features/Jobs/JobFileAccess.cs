using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>
/// Which store keys a job's manifest may name. The data folder is shared, but the portal's own files are not: under
/// <c>jobs/&lt;id&gt;/</c> live a job's input, worker masks and outputs, which only that job's requester may chain on (a
/// segmentation output's <c>-ref</c> names such a file), and <c>_tiles/</c> holds the tile cache.
/// </summary>
public sealed class JobFileAccess(IDbContextFactory<GroundTruthDbContext> dbFactory)
{
    // A job's requester never changes, so an owner once found is kept: a chained manifest names the same earlier job
    // on every line, and a worker's task names it on every view. Bounded by the number of jobs.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> _owners = new();

    /// <summary>Why <paramref name="key"/> may not be used by a job of <paramref name="requesterId"/>, or <c>null</c>.</summary>
    /// <param name="key">A store key (already checked to stay inside the data folder).</param>
    /// <param name="requesterId">The requester who owns the job being imported.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<string?> ProblemAsync(string key, string requesterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith("_tiles/", StringComparison.Ordinal))
        {
            return "it is in the portal's tile cache, not a data file.";
        }

        if (!key.StartsWith("jobs/", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = key.Split('/');
        if (segments.Length < 3 || !Guid.TryParseExact(segments[1], "N", out var jobId))
        {
            return "it is in the portal's job files, not a data file.";
        }

        if (!_owners.TryGetValue(jobId, out var owner))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            owner = await db.Jobs.Where(j => j.Id == jobId).Select(j => j.RequesterId).FirstOrDefaultAsync(cancellationToken);
            if (owner is not null)
            {
                _owners.TryAdd(jobId, owner);
            }
        }

        return owner == requesterId ? null : "it is a file of another requester's job.";
    }
}
