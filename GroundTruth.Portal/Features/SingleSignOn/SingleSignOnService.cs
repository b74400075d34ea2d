using System.Security.Claims;
using GroundTruth.Core.Audit;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Admin;
using GroundTruth.Portal.Features.Audit;
using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Features.SingleSignOn;

/// <summary>Creates the local account of a first sign-in through the OpenID Connect provider.</summary>
public sealed class SingleSignOnService(
    IServiceScopeFactory scopes, IDbContextFactory<GroundTruthDbContext> dbFactory, WorkforceService workforce, AuditLog audit,
    IOptions<OidcOptions> options, TimeProvider time)
{
    /// <summary>
    /// Creates the account (e-mail from the provider, confirmed by it), links the external login, grants the mapped
    /// or default role and joins the configured team. An existing local account with that e-mail is not taken over:
    /// its owner links the provider from their profile after signing in with their password.
    /// </summary>
    /// <returns>The new user's id, or why not.</returns>
    public async Task<(string? UserId, string? Error)> ProvisionAsync(ExternalLoginInfo info, CancellationToken cancellationToken = default)
    {
        var oidc = options.Value;
        var email = info.Principal.FindFirstValue(ClaimTypes.Email);
        if (string.IsNullOrWhiteSpace(email))
        {
            return (null, $"{oidc.DisplayName} did not tell us your e-mail address; ask your administrator to release the 'email' claim.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return (null, $"An account for {email} already exists. Sign in with its password, then link {oidc.DisplayName} under Manage account > External logins.");
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = info.Principal.FindFirstValue(ClaimTypes.Name) ?? info.Principal.FindFirstValue("name") ?? email,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddLoginAsync(user, info);
        }

        if (!created.Succeeded)
        {
            return (null, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var roles = RolesFrom(info.Principal, oidc);
        await users.AddToRolesAsync(user, roles);
        await audit.RecordAsync(AuditActions.UserCreated, user.Id, email, user.Id,
            $"{email} with roles {string.Join(", ", roles)} at first sign-in through {oidc.DisplayName}", cancellationToken);
        if (!string.IsNullOrWhiteSpace(oidc.Team))
        {
            await JoinTeamAsync(oidc.Team, user.Id, cancellationToken);
        }

        return (user.Id, null);
    }

    private static List<string> RolesFrom(ClaimsPrincipal principal, OidcOptions oidc)
    {
        var mapped = oidc.RoleClaim is { Length: > 0 } claim
            ? principal.FindAll(claim).Select(c => Roles.All.FirstOrDefault(r => string.Equals(r, c.Value, StringComparison.OrdinalIgnoreCase)))
                .OfType<string>().Where(r => r != Roles.Admin).Distinct().ToList()
            : [];
        return mapped.Count > 0 ? mapped : [oidc.DefaultRole];
    }

    private async Task JoinTeamAsync(string teamName, string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teamId = await db.WorkTeams.Where(t => t.Name == teamName).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
        if (teamId is { } id)
        {
            await workforce.AddMemberAsync(id, userId, actorId: null, cancellationToken);
        }
    }
}
