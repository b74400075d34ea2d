using GroundTruth.Core.Audit;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Marketplace;

/// <summary>The vendor marketplace: requesters browse published listings and subscribe to the vendors they will use.</summary>
public sealed class MarketplaceService(IDbContextFactory<GroundTruthDbContext> dbFactory, AuditLog audit, TimeProvider time)
{
    /// <summary>Published listings, each marked with whether the requester is subscribed.</summary>
    public async Task<IReadOnlyList<MarketplaceListing>> BrowseAsync(string requesterId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var listings = await Listings(db, db.VendorCompanies.Where(c => c.IsPublished), requesterId).ToListAsync(cancellationToken);
        return [.. listings.Select(ToListing).OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>One published listing; <c>null</c> when it does not exist or is not published.</summary>
    public async Task<MarketplaceListing?> GetAsync(Guid vendorId, string requesterId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await Listings(db, db.VendorCompanies.Where(c => c.Id == vendorId && c.IsPublished), requesterId).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToListing(row);
    }

    /// <summary>Subscribes the requester to a published vendor; returns false when there is no such listing.</summary>
    public async Task<bool> SubscribeAsync(Guid vendorId, string requesterId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.VendorCompanies.Where(c => c.Id == vendorId && c.IsPublished).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return false;
        }

        if (!await db.VendorSubscriptions.AnyAsync(s => s.VendorCompanyId == vendorId && s.RequesterId == requesterId, cancellationToken))
        {
            db.VendorSubscriptions.Add(new VendorSubscription { VendorCompanyId = vendorId, RequesterId = requesterId, SubscribedAt = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A double click subscribed already.
                return true;
            }

            await audit.RecordForAsync(AuditActions.VendorSubscribed, requesterId, vendorId.ToString(), name, cancellationToken);
        }

        return true;
    }

    /// <summary>Ends the requester's subscription; jobs already sent to the vendor go on.</summary>
    public async Task<bool> UnsubscribeAsync(Guid vendorId, string requesterId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var removed = await db.VendorSubscriptions.Where(s => s.VendorCompanyId == vendorId && s.RequesterId == requesterId).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            var name = await db.VendorCompanies.Where(c => c.Id == vendorId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
            await audit.RecordForAsync(AuditActions.VendorUnsubscribed, requesterId, vendorId.ToString(), name, cancellationToken);
        }

        return removed > 0;
    }

    private static IQueryable<ListingRow> Listings(GroundTruthDbContext db, IQueryable<VendorCompany> companies, string requesterId) =>
        companies.AsNoTracking().Select(c => new ListingRow(
            c,
            db.WorkTeamMembers.Count(m => m.WorkTeamId == c.WorkTeamId),
            db.VendorSubscriptions.Any(s => s.VendorCompanyId == c.Id && s.RequesterId == requesterId)));

    private static MarketplaceListing ToListing(ListingRow row) => new(
        row.Company.Id, row.Company.Name, row.Company.Description, row.Company.Languages, row.Company.Capabilities,
        row.Company.PricePerObject, row.Company.Currency, row.Company.SecurityAttestations, row.Workers, row.Subscribed);

    private sealed record ListingRow(VendorCompany Company, int Workers, bool Subscribed);
}
