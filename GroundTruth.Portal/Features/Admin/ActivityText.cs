using System.Globalization;

namespace GroundTruth.Portal.Features.Admin;

/// <summary>Activity times in words an admin scans quickly: "never", "5 min ago", "3 h ago", then the date.</summary>
public static class ActivityText
{
    public static string Ago(DateTimeOffset? at, DateTimeOffset now) => at switch
    {
        null => "never",
        { } t when now - t < TimeSpan.FromMinutes(1) => "just now",
        { } t when now - t < TimeSpan.FromHours(1) => $"{(int)(now - t).TotalMinutes} min ago",
        { } t when now - t < TimeSpan.FromDays(1) => $"{(int)(now - t).TotalHours} h ago",
        { } t when now - t < TimeSpan.FromDays(7) => $"{(int)(now - t).TotalDays} d ago",
        { } t => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
