using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Features.Labeling;

/// <summary>The <c>GroundTruth:DataUrls</c> configuration section.</summary>
public sealed class DataUrlOptions
{
    public const string Section = "GroundTruth:DataUrls";

    /// <summary>The longest a signed data URL lives; shorter when the task's lease ends sooner.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>What a signed data URL grants: one worker may read one data object while they hold one task.</summary>
public sealed record DataGrant(long TaskId, string WorkerId, long DataObjectId, DateTimeOffset ExpiresAt);

/// <summary>
/// Signs and reads short-lived data URLs, like Ground Truth's <c>grant_read_access</c> presigning each task's
/// objects. The token is Data Protection's authenticated encryption of the grant, so it cannot be forged, altered or
/// read; its expiry is checked against the injected <see cref="TimeProvider"/> (the time-limited protector reads the
/// system clock, which tests cannot move).
/// </summary>
public sealed class DataUrlSigner(IDataProtectionProvider protection, IOptions<DataUrlOptions> options, TimeProvider time)
{
    public const string RoutePrefix = "/api/task-data/";

    /// <summary>Appended to a signed URL: the earlier mask a verification or adjustment task reviews.</summary>
    public const string EarlierMaskSuffix = "/earlier-mask";

    private readonly IDataProtector _protector = protection.CreateProtector("GroundTruth.DataUrls.v1");

    public string UrlFor(long taskId, string workerId, long dataObjectId, DateTimeOffset leaseExpiresAt)
    {
        var cap = time.GetUtcNow() + options.Value.MaxLifetime;
        var expires = leaseExpiresAt < cap ? leaseExpiresAt : cap;
        var payload = string.Join('\n', taskId.ToString(CultureInfo.InvariantCulture), workerId,
            dataObjectId.ToString(CultureInfo.InvariantCulture), expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        return RoutePrefix + _protector.Protect(payload);
    }

    /// <returns>The grant, or <c>null</c> when the token was tampered with, signed by another key ring, or has expired.</returns>
    public DataGrant? Read(string token)
    {
        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = payload.Split('\n');
        if (parts.Length != 4
            || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var taskId)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var dataObjectId)
            || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var expiresMs))
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(expiresMs);
        return expires > time.GetUtcNow() ? new DataGrant(taskId, parts[1], dataObjectId, expires) : null;
    }
}
