namespace GroundTruth.Portal.Security;

/// <summary>
/// Headers every response carries: no MIME sniffing, no framing (clickjacking), no referrer leaking task URLs, and a
/// content security policy that forbids plugins, foreign framing and base-URL tricks. Scripts are not restricted by
/// CSP because Blazor's import map is an inline script. Forms may post only to the portal, and to the configured
/// OpenID Connect provider's origin: browsers apply <c>form-action</c> to the redirects a form post answers with,
/// and the external sign-in button's post answers with a redirect to the provider.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<Features.SingleSignOn.OidcOptions> oidc)
{
    private readonly string _policy = "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        + (oidc.Value.IsConfigured && Uri.TryCreate(oidc.Value.Authority, UriKind.Absolute, out var authority)
            ? " " + authority.GetLeftPart(UriPartial.Authority)
            : "");

    public Task InvokeAsync(HttpContext context)
    {
        // Set when the response starts, so headers added on the way (antiforgery's SAMEORIGIN) are replaced, not doubled.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = _policy;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
