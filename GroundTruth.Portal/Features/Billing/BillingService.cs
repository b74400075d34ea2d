using System.Linq.Expressions;
using GroundTruth.Core.Billing;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Billing;

/// <summary>
/// A requester's charges, derived from what was done so they cannot drift from it: a vendor job charges its
/// snapshotted price for each object that finished labeling (in the month it finished); a public-crowd job charges
/// its price per task for each answer submitted. The database counts them per job and month.
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
        var labeled = await CountByMonthAsync(
            db.DataObjects.Where(o => vendorJobIds.Contains(o.JobId) && o.Status == DataObjectStatus.Labeled && o.CompletedAt != null),
            o => o.JobId, o => o.CompletedAt, cancellationToken);
        var publicJobIds = jobs.Where(j => j.PricePerTask != null).Select(j => j.Id).ToList();
        var submitted = await CountByMonthAsync(
            db.Responses.Where(r => publicJobIds.Contains(r.JobId)), r => r.JobId, r => r.SubmissionTime, cancellationToken);

        var byId = jobs.ToDictionary(j => j.Id);
        var charges = labeled.Concat(submitted).Select(count =>
        {
            var job = byId[count.JobId];
            var payee = job.PricePerObject is not null
                ? vendors.GetValueOrDefault(job.VendorCompanyId ?? Guid.Empty, "(removed vendor)")
                : PublicCrowd.TeamName;
            return new Charge(job.Id, job.Name, payee, count.Month, count.Quantity, job.PricePerObject ?? job.PricePerTask!.Value, job.Currency ?? PublicCrowd.Currency);
        });
        return BillingStatement.From(charges);
    }

    /// <summary>
    /// Counts <paramref name="rows"/> per job and UTC month in the database. SQLite keeps times as UTC ticks, where no
    /// date function applies, so the month is found by comparing with each month's start (a <c>CASE</c>), which both
    /// providers run; only the first and last times come back to find those months.
    /// </summary>
    private static async Task<IReadOnlyList<MonthCount>> CountByMonthAsync<T>(
        IQueryable<T> rows, Expression<Func<T, Guid>> jobId, Expression<Func<T, DateTimeOffset?>> at, CancellationToken cancellationToken)
        where T : class
    {
        rows = rows.AsNoTracking();
        var first = await rows.OrderBy(at).Select(at).FirstOrDefaultAsync(cancellationToken);
        if (first is not { } from)
        {
            return [];
        }

        var to = (await rows.OrderByDescending(at).Select(at).FirstAsync(cancellationToken))!.Value;
        var starts = new List<DateTimeOffset>();
        for (var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero); month <= to; month = month.AddMonths(1))
        {
            starts.Add(month);
        }

        starts.Add(starts[^1].AddMonths(1));
        var counts = await rows.Select(JobAndMonth(jobId, at, starts))
            .GroupBy(r => new { r.JobId, r.Month })
            .Select(g => new { g.Key.JobId, g.Key.Month, Quantity = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.Select(c => new MonthCount(c.JobId, DateOnly.FromDateTime(starts[c.Month].UtcDateTime), c.Quantity))];
    }

    /// <summary><c>row => new JobMonth { JobId = …, Month = at &lt; starts[1] ? 0 : at &lt; starts[2] ? 1 : … }</c>.</summary>
    private static Expression<Func<T, JobMonth>> JobAndMonth<T>(Expression<Func<T, Guid>> jobId, Expression<Func<T, DateTimeOffset?>> at, List<DateTimeOffset> starts)
    {
        var row = jobId.Parameters[0];
        var time = new Rebind(at.Parameters[0], row).Visit(at.Body);
        Expression month = Expression.Constant(starts.Count - 1);
        for (var i = starts.Count - 1; i > 0; i--)
        {
            month = Expression.Condition(Expression.LessThan(time, Expression.Constant(starts[i], typeof(DateTimeOffset?))), Expression.Constant(i - 1), month);
        }

        return Expression.Lambda<Func<T, JobMonth>>(
            Expression.MemberInit(
                Expression.New(typeof(JobMonth)),
                Expression.Bind(typeof(JobMonth).GetProperty(nameof(JobMonth.JobId))!, jobId.Body),
                Expression.Bind(typeof(JobMonth).GetProperty(nameof(JobMonth.Month))!, month)),
            row);
    }

    private sealed record MonthCount(Guid JobId, DateOnly Month, int Quantity);

    private sealed class JobMonth
    {
        public Guid JobId { get; init; }

        public int Month { get; init; }
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
