using GroundTruth.Core.Audit;
using GroundTruth.Core.Validation;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Audit;
using GroundTruth.Portal.Features.Invitations;
using GroundTruth.Portal.Security;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Vendors;

/// <summary>
/// Vendor companies: administrators create them with their first vendor admin; vendor admins keep their own
/// company's listing and workers. Every vendor-admin operation finds the company from the caller, never from an id
/// the caller sends, so nobody can edit another company.
/// </summary>
public sealed class VendorService(
    IDbContextFactory<GroundTruthDbContext> dbFactory, InvitationService invitations, WorkforceService workforce, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<VendorRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.VendorCompanies.AsNoTracking()
            .Select(c => new
            {
                c.Id, c.Name, c.IsPublished, c.CreatedAt,
                Workers = db.WorkTeamMembers.Count(m => m.WorkTeamId == c.WorkTeamId),
                Admins = db.VendorCompanyAdmins.Where(a => a.VendorCompanyId == c.Id).Join(db.Users, a => a.UserId, u => u.Id, (a, u) => u.Email ?? u.Id).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new VendorRow(r.Id, r.Name, r.IsPublished, r.Workers, r.Admins, r.CreatedAt))];
    }

    /// <summary>Creates a vendor company with its vendor team, and invites its first vendor admin.</summary>
    public async Task<(VendorCreated? Created, IReadOnlyList<FieldError> Errors)> CreateAsync(
        string name, string adminEmail, string actorId, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 63)
        {
            return (null, [new FieldError("Name", "A vendor name has 1–63 characters.")]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.VendorCompanies.AnyAsync(c => c.Name == name, cancellationToken) || await db.WorkTeams.AnyAsync(t => t.Name == name, cancellationToken))
        {
            return (null, [new FieldError("Name", $"A vendor or work team named '{name}' already exists.")]);
        }

        // The invitation's own checks, before the company exists, so a refused address leaves no company behind.
        var inviteeErrors = await invitations.CheckInviteeAsync(adminEmail, Roles.VendorAdmin, cancellationToken);
        if (inviteeErrors.Count > 0)
        {
            return (null, inviteeErrors);
        }

        var company = await CreateCompanyAsync(db, name, actorId, cancellationToken);
        var (link, errors) = await invitations.InviteAsync(adminEmail, company.WorkTeamId, Roles.VendorAdmin, actorId, cancellationToken);
        return link is null ? (null, errors) : (new VendorCreated(company.Id, link), []);
    }

    /// <summary>Creates a company for an existing vendor admin account (the demo, and set-ups by script).</summary>
    public async Task<Guid> CreateWithAdminAsync(string name, string adminUserId, string? actorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var company = await CreateCompanyAsync(db, name.Trim(), actorId, cancellationToken);
        db.VendorCompanyAdmins.Add(new VendorCompanyAdmin { VendorCompanyId = company.Id, UserId = adminUserId });
        await db.SaveChangesAsync(cancellationToken);
        return company.Id;
    }

    private async Task<VendorCompany> CreateCompanyAsync(GroundTruthDbContext db, string name, string? actorId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var team = new WorkTeam { Id = Guid.NewGuid(), Name = name, Description = $"Workers of the vendor {name}", Kind = WorkforceKind.Vendor, CreatedAt = now };
        var company = new VendorCompany { Id = Guid.NewGuid(), Name = name, WorkTeamId = team.Id, CreatedAt = now };
        db.WorkTeams.Add(team);
        db.VendorCompanies.Add(company);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordForAsync(AuditActions.VendorCreated, actorId, company.Id.ToString(), name, cancellationToken);
        return company;
    }

    /// <summary>The caller's company, when they are one of its vendor admins.</summary>
    public async Task<OwnVendor?> GetOwnAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var company = await OwnCompany(db, userId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return null;
        }

        var members = await db.WorkTeamMembers.AsNoTracking().Where(m => m.WorkTeamId == company.WorkTeamId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, Email = u.Email ?? u.Id, u.LockoutEnd }).ToListAsync(cancellationToken);
        var workers = members.Select(m => new TeamMemberRow(m.Id, m.Email, AccountStatus.IsDeactivated(m.LockoutEnd), MemberActivity.None));
        return new OwnVendor(company.Id, company.Name, company.WorkTeamId, VendorListing.Of(company), company.ListingUpdatedAt,
            [.. workers.OrderBy(w => w.Email, StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>Saves the caller's company listing; audited, with publishing and unpublishing recorded on their own.</summary>
    public async Task<IReadOnlyList<FieldError>> SaveListingAsync(string userId, VendorListing listing, CancellationToken cancellationToken = default)
    {
        var errors = listing.Validate();
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var company = await OwnCompany(db, userId).FirstOrDefaultAsync(cancellationToken);
        if (company is null)
        {
            return [new FieldError("Vendor", "You are not a vendor admin of any company.")];
        }

        var wasPublished = company.IsPublished;
        listing.ApplyTo(company, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        var target = company.Id.ToString();
        await audit.RecordForAsync(AuditActions.ListingChanged, userId, target,
            $"{company.Name}: {company.PricePerObject} {company.Currency} per object, {company.Capabilities.Count} task types, {(company.IsPublished ? "published" : "unpublished")}", cancellationToken);
        if (wasPublished != company.IsPublished)
        {
            await audit.RecordForAsync(AuditActions.ListingPublished, userId, target, company.IsPublished ? "published" : "unpublished", cancellationToken);
        }

        return [];
    }

    /// <summary>Invites a vendor worker into the caller's company team.</summary>
    public async Task<(InvitationLink? Link, IReadOnlyList<FieldError> Errors)> InviteWorkerAsync(string userId, string email, CancellationToken cancellationToken = default)
    {
        var teamId = await OwnTeamAsync(userId, cancellationToken);
        return teamId is null
            ? (null, [new FieldError("Vendor", "You are not a vendor admin of any company.")])
            : await invitations.InviteAsync(email, teamId, Roles.VendorWorker, userId, cancellationToken);
    }

    /// <summary>Removes a worker from the caller's company team; other teams are out of reach.</summary>
    public async Task<bool> RemoveWorkerAsync(string userId, string workerId, CancellationToken cancellationToken = default)
    {
        var teamId = await OwnTeamAsync(userId, cancellationToken);
        if (teamId is null)
        {
            return false;
        }

        await workforce.RemoveMemberAsync(teamId.Value, workerId, userId, cancellationToken);
        return true;
    }

    private async Task<Guid?> OwnTeamAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await OwnCompany(db, userId).Select(c => (Guid?)c.WorkTeamId).FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<VendorCompany> OwnCompany(GroundTruthDbContext db, string userId) =>
        db.VendorCompanies.Where(c => db.VendorCompanyAdmins.Any(a => a.VendorCompanyId == c.Id && a.UserId == userId));
}
