using System.Security.Cryptography;
using System.Text;
using GroundTruth.Core.Audit;
using GroundTruth.Core.Validation;
using GroundTruth.Core.Workforce;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Audit;
using GroundTruth.Portal.Features.Mail;
using GroundTruth.Portal.Security;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Invitations;

public sealed record InvitationLink(Guid InvitationId, string Path, DateTimeOffset ExpiresAt);

public sealed record PendingInvitation(string Email, string? TeamName, DateTimeOffset ExpiresAt, string Role = Roles.PrivateWorker);

/// <summary>Invites workers by e-mail: a one-time link with an expiry, e-mailed when SMTP is configured and always shown to copy.</summary>
public sealed class InvitationService(
    IDbContextFactory<GroundTruthDbContext> dbFactory, UserAdminService users, WorkforceService workforce, MailService mail, AuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<(InvitationLink? Link, IReadOnlyList<FieldError> Errors)> InviteAsync(
        string email, Guid? teamId, string role, string actorId, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        var inviteeErrors = await CheckInviteeAsync(email, role, cancellationToken);
        if (inviteeErrors.Count > 0)
        {
            return (null, inviteeErrors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Vendor admins are invited into their company (named by its vendor team); everyone else is a worker.
        var vendorAdmin = role == Roles.VendorAdmin && teamId is { } vendorTeam && await db.VendorCompanies.AnyAsync(c => c.WorkTeamId == vendorTeam, cancellationToken);
        if (!Roles.Workers.Contains(role) && !vendorAdmin)
        {
            return (null, [new FieldError("Role", "Invitations are for worker roles, or for a vendor company's admin.")]);
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var now = time.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            Email = email,
            Role = role,
            WorkTeamId = teamId,
            TokenHash = Hash(token),
            InvitedBy = actorId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordForAsync(AuditActions.TeamMembersChanged, actorId, teamId?.ToString() ?? "", $"invited {email} as {role}", cancellationToken);
        return (new InvitationLink(invitation.Id, $"/invite/{token}", invitation.ExpiresAt), []);
    }

    /// <summary>
    /// Whether <paramref name="email"/> can be invited: an e-mail address without an account. <see cref="InviteAsync"/>
    /// checks it; callers that must create something first (a vendor company for its admin) check it before.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CheckInviteeAsync(string email, string role, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            return [new FieldError("Email", $"'{email}' is not an e-mail address.")];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = email.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            var instead = role == Roles.VendorAdmin ? "use a new address for the vendor admin" : "add them to the team instead";
            return [new FieldError("Email", $"{email} already has an account; {instead}.")];
        }

        return [];
    }

    /// <summary>
    /// Invites and, when SMTP is configured, e-mails the link. The invitation is stored before sending, so a mail
    /// failure (logged, and returned for the admin to see) never loses it: the link is still there to copy.
    /// </summary>
    /// <param name="baseUri">The portal's address as the admin reaches it, to make the link absolute.</param>
    public async Task<(InvitationLink? Link, MailOutcome Mail, IReadOnlyList<FieldError> Errors)> InviteAndSendAsync(
        string email, Guid? teamId, string role, string actorId, Uri baseUri, CancellationToken cancellationToken = default)
    {
        var (link, errors) = await InviteAsync(email, teamId, role, actorId, cancellationToken);
        if (link is null)
        {
            return (null, MailOutcome.NotConfigured, errors);
        }

        string? teamName = null;
        if (teamId is { } id)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            teamName = await db.WorkTeams.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        }

        var url = new Uri(baseUri, link.Path).AbsoluteUri;
        var team = teamName is null ? "" : $" to join the work team {teamName}";
        var expires = link.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var outcome = await mail.SendAsync(email.Trim(), "You are invited to label data on GroundTruth",
            $"You are invited{team}. Set your password and start here (the link works once, until {expires}):\n{url}\n",
            $"<p>You are invited{System.Net.WebUtility.HtmlEncode(team)}.</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(url)}\">Set your password and start</a> " +
            $"(the link works once, until {expires}).</p>",
            cancellationToken);
        return (link, outcome, []);
    }

    public async Task<PendingInvitation?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = Hash(token);
        var now = time.GetUtcNow();
        var invitation = await db.Invitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        var team = invitation.WorkTeamId is { } id ? await db.WorkTeams.Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) : null;
        return new PendingInvitation(invitation.Email, team, invitation.ExpiresAt, invitation.Role);
    }

    /// <summary>Accepts an invitation: creates the account with the invitee's password and adds them to the team, once.</summary>
    public async Task<(string? UserId, string? Email, IReadOnlyList<FieldError> Errors)> AcceptAsync(
        string token, string displayName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = Hash(token);
        var now = time.GetUtcNow();

        // Claim the invitation first, so two acceptances of one link cannot both create accounts.
        var claimed = await db.Invitations.Where(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), cancellationToken);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (claimed == 0 || invitation is null)
        {
            return (null, null, [new FieldError("Invitation", "This invitation link is not valid: it was used already, it expired, or it was mistyped. Ask for a new one.")]);
        }

        var (userId, errors) = await users.CreateAsync(invitation.Email, displayName, password, [invitation.Role], invitation.InvitedBy, cancellationToken);
        if (userId is null)
        {
            // Give the link back so the invitee can try again with a better password.
            await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, (DateTimeOffset?)null), cancellationToken);
            return (null, null, errors);
        }

        await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.UserId, userId), cancellationToken);
        if (invitation.Role == Roles.VendorAdmin && invitation.WorkTeamId is { } vendorTeamId)
        {
            var companyId = await db.VendorCompanies.Where(c => c.WorkTeamId == vendorTeamId).Select(c => c.Id).FirstAsync(cancellationToken);
            db.VendorCompanyAdmins.Add(new VendorCompanyAdmin { VendorCompanyId = companyId, UserId = userId });
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (invitation.WorkTeamId is { } teamId)
        {
            await workforce.AddMemberAsync(teamId, userId, invitation.InvitedBy, cancellationToken);
        }

        return (userId, invitation.Email, []);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
