using System.Security.Claims;

namespace GroundTruth.Portal.Security;

/// <summary>Who is asking, as feature services need it: the user id and whether they may see everything.</summary>
public sealed record Caller(string UserId, bool IsAdmin)
{
    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user is not signed in."),
        user.IsInRole(Roles.Admin));
}
