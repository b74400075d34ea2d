using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;

namespace GroundTruth.Portal.Security;

/// <summary>The <c>GroundTruth:RateLimits</c> configuration section.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "GroundTruth:RateLimits";

    /// <summary>Sign-in attempts (form posts) per client address per minute; lockout also applies per account.</summary>
    [Range(1, 100_000)]
    public int SignInPerMinute { get; set; } = 20;

    /// <summary>API requests per user (or address, when anonymous) per minute.</summary>
    [Range(1, 10_000_000)]
    public int ApiPerMinute { get; set; } = 3000;
}

public static class RateLimits
{
    /// <summary>Limits sign-in posts per address and API calls per user, answering 429 with Retry-After when exceeded.</summary>
    public static IServiceCollection AddGroundTruthRateLimits(this IServiceCollection services, RateLimitOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/Account/Login"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in:" + address, _ => Window(options.SignInPerMinute));
                }

                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    var who = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? address;
                    return RateLimitPartition.GetFixedWindowLimiter("api:" + who, _ => Window(options.ApiPerMinute));
                }

                return RateLimitPartition.GetNoLimiter("other");
            });
        });

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
