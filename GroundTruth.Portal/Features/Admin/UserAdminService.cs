using GroundTruth.Core.Validation;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Admin;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut, bool Deactivated, MemberActivity Activity);

/// <summary>Admin operations on user accounts. Uses a fresh scope per call so Identity's scoped stores never outlive an operation.</summary>
public sealed class UserAdminService(
    IServiceScopeFactory scopes, IDbContextFactory<GroundTruthDbContext> dbFactory, Labeling.LabelingService labeling, Audit.AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        var activity = await MemberActivity.LoadAsync(db, cancellationToken);
        return [.. users.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, [.. byUser[u.Id].Order()], u.LockoutEnd > now,
                AccountStatus.IsDeactivated(u.LockoutEnd), activity.GetValueOrDefault(u.Id, MemberActivity.None)))];
    }

    public async Task<(string? UserId, IReadOnlyList<FieldError> Errors)> CreateAsync(
        string email, string displayName, string password, IReadOnlyList<string> roles, string? actorId = null, CancellationToken cancellationToken = default)
    {
        var unknown = roles.FirstOrDefault(r => !Roles.All.Contains(r));
        if (unknown is not null)
        {
            return (null, [new FieldError("Roles", $"'{unknown}' is not a role.")]);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (null, [.. result.Errors.Select(e => new FieldError(e.Code.Contains("Password", StringComparison.Ordinal) ? "Password" : "Email", e.Description))]);
        }

        if (roles.Count > 0)
        {
            await users.AddToRolesAsync(user, roles);
        }

        await audit.RecordForAsync(Core.Audit.AuditActions.UserCreated, actorId, user.Id, $"{email} with roles {string.Join(", ", roles)}", cancellationToken);
        return (user.Id, []);
    }

    public async Task<IReadOnlyList<FieldError>> SetRolesAsync(string userId, IReadOnlyList<string> roles, string? actorId = null, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return [new FieldError("User", "That user does not exist.")];
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(roles));
        await users.AddToRolesAsync(user, roles.Except(current));
        await audit.RecordForAsync(Core.Audit.AuditActions.RolesChanged, actorId, userId,
            $"{user.Email}: {string.Join(", ", current.Order())} -> {string.Join(", ", roles.Order())}", cancellationToken);
        return [];
    }

    /// <summary>
    /// Deactivates an account: sign-in is refused (lockout to the end of time), the security stamp changes so open
    /// sessions and circuits lose access at their next validation, and the worker's live tasks go back to the pool.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> DeactivateAsync(string userId, string actorId, CancellationToken cancellationToken = default)
    {
        if (userId == actorId)
        {
            return [new FieldError("User", "You cannot deactivate your own account.")];
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return [new FieldError("User", "That user does not exist.")];
        }

        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, AccountStatus.DeactivatedUntil);
        if (!result.Succeeded)
        {
            return [.. result.Errors.Select(e => new FieldError("User", e.Description))];
        }

        await users.UpdateSecurityStampAsync(user);
        var released = await labeling.ReleaseAllAsync(userId, cancellationToken);
        await audit.RecordForAsync(Core.Audit.AuditActions.UserDeactivated, actorId, userId,
            $"{user.Email}: {released} live task(s) returned to the pool", cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<FieldError>> ReactivateAsync(string userId, string actorId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return [new FieldError("User", "That user does not exist.")];
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordForAsync(Core.Audit.AuditActions.UserReactivated, actorId, userId, user.Email ?? "", cancellationToken);
        return [];
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == Roles.Admin select ur).AnyAsync(cancellationToken);
    }
}
