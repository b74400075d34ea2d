using GroundTruth.Core.Billing;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Billing;

/// <summary>
/// A requester's charges, derived from what was done so they cannot drift from it: a vendor job charges its
/// snapshotted price for each object that finished labeling (in the month it finished); a public-crowd job charges
/// its price per task for each answer submitted.
/// </summary>
public sealed class BillingService(IDbContextFactory<GroundTruthDbContext> dbFactory)
{
    /// <summary>The statement of the requester's own jobs; nobody sees another requester's charges.</summary>
    public async Task<BillingStatement> GetStatementAsync(string requesterId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.Jobs.AsNoTracking()
            .Where(j => j.RequesterId == requesterId && (j.PricePerObject != null || j.PricePerTask != null))
            .Select(j => new { j.Id, j.Name, j.VendorCompanyId, j.PricePerObject, j.PricePerTask, j.Currency })
            .ToListAsync(cancellationToken);
        var vendorIds = jobs.Where(j => j.VendorCompanyId != null).Select(j => j.VendorCompanyId!.Value).Distinct().ToList();
        var vendors = await db.VendorCompanies.AsNoTracking().Where(c => vendorIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        var vendorJobIds = jobs.Where(j => j.PricePerObject != null).Select(j => j.Id).ToList();
        var labeled = await db.DataObjects.AsNoTracking()
            .Where(o => vendorJobIds.Contains(o.JobId) && o.Status == DataObjectStatus.Labeled && o.CompletedAt != null)
            .Select(o => new { o.JobId, At = o.CompletedAt!.Value })
            .ToListAsync(cancellationToken);
        var publicJobIds = jobs.Where(j => j.PricePerTask != null).Select(j => j.Id).ToList();
        var submitted = await db.Responses.AsNoTracking()
            .Where(r => publicJobIds.Contains(r.JobId))
            .Select(r => new { r.JobId, At = r.SubmissionTime })
            .ToListAsync(cancellationToken);

        var byId = jobs.ToDictionary(j => j.Id);
        var charges = labeled.Concat(submitted)
            .GroupBy(u => (u.JobId, Month: new DateOnly(u.At.UtcDateTime.Year, u.At.UtcDateTime.Month, 1)))
            .Select(g =>
            {
                var job = byId[g.Key.JobId];
                var payee = job.PricePerObject is not null
                    ? vendors.GetValueOrDefault(job.VendorCompanyId ?? Guid.Empty, "(removed vendor)")
                    : PublicCrowd.TeamName;
                return new Charge(job.Id, job.Name, payee, g.Key.Month, g.Count(), job.PricePerObject ?? job.PricePerTask!.Value, job.Currency ?? PublicCrowd.Currency);
            });
        return BillingStatement.From(charges);
    }
}
