namespace GroundTruth.Portal.Security;

/// <summary>
/// Headers every response carries: no MIME sniffing, no framing (clickjacking), no referrer leaking task URLs, and a
/// content security policy that forbids plugins, foreign framing and base-URL tricks. Scripts are not restricted by
/// CSP because Blazor's import map is an inline script.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
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
            headers.ContentSecurityPolicy = "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
