using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GroundTruth.Tests.TestSupport;

/// <summary>Discovers every endpoint the app maps and says which ones nobody decided the access of.</summary>
public static class AuthorizationMatrix
{
    /// <summary>
    /// Routes that are public on purpose: sign-in and account recovery, first-run set-up, error pages, the Blazor
    /// framework's own endpoints and static files. Anything else must carry a policy or [AllowAnonymous].
    /// </summary>
    private static readonly string[] PublicPrefixes =
    [
        "/Account/Login", "/Account/Logout", "/Account/ForgotPassword", "/Account/ResetPassword", "/Account/InvalidPasswordReset",
        "/Account/InvalidUser", "/Account/Lockout", "/Account/AccessDenied", "/Account/ConfirmEmail", "/Account/ResendEmailConfirmation",
        "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/ExternalLogin", "/Account/PerformExternalLogin",
        "/Account/PasskeyRequestOptions", "/Account/ForgotPasswordConfirmation", "/Account/ResetPasswordConfirmation", "/Account/Register",
        "/setup", "/invite", "/not-found", "/Error", "/_blazor", "/_framework", "/_content",
    ];

    public static IReadOnlyList<RouteEndpoint> Endpoints(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    public static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    public static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    public static bool IsStaticFile(RouteEndpoint endpoint) =>
        Path.HasExtension(Route(endpoint).Split('{')[0])
        || Route(endpoint).Contains(":file}", StringComparison.Ordinal)
        || endpoint.DisplayName?.Contains("StaticAssets", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsPublicByDesign(RouteEndpoint endpoint)
    {
        var route = Route(endpoint);
        return IsStaticFile(endpoint) || PublicPrefixes.Any(p => route.StartsWith(p, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Endpoints with neither an authorization policy nor an explicit [AllowAnonymous], outside the public list.</summary>
    public static IReadOnlyList<string> Unguarded(IServiceProvider services) =>
        [.. Endpoints(services)
            .Where(e => !IsPublicByDesign(e))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(e => $"{string.Join(",", Methods(e))} {Route(e)}")
            .Distinct()
            .Order()];
}
