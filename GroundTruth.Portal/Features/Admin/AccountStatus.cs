using GroundTruth.Portal.Data;

namespace GroundTruth.Portal.Features.Admin;

/// <summary>
/// Deactivation is Identity's lockout pushed to the end of time: sign-in refuses it without a new column, and a
/// temporary lockout after failed passwords (minutes) is told apart by its end.
/// </summary>
public static class AccountStatus
{
    public static DateTimeOffset DeactivatedUntil => DateTimeOffset.MaxValue;

    public static bool IsDeactivated(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end.Year >= 9000;

    public static bool IsDeactivated(ApplicationUser user) => IsDeactivated(user.LockoutEnd);

    public const string DeactivatedMessage = "This account has been deactivated. Ask an administrator to reactivate it.";
}
