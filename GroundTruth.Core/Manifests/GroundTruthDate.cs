using System.Globalization;

namespace GroundTruth.Core.Manifests;

/// <summary>Ground Truth's <c>creation-date</c> format: <c>yyyy-MM-ddTHH:mm:ss.ffffff</c> in UTC, without a zone.</summary>
public static class GroundTruthDate
{
    /// <summary>Formats <paramref name="time"/> as Ground Truth writes <c>creation-date</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
}
