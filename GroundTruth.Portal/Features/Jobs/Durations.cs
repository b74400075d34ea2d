using System.Globalization;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>Durations as people say them: "5 minutes", "10 days", "1 hour 30 minutes".</summary>
public static class Durations
{
    public static string Describe(TimeSpan span)
    {
        var parts = new List<string>();
        Add(span.Days, "day");
        Add(span.Hours, "hour");
        Add(span.Minutes, "minute");
        Add(span.Seconds, "second");
        return parts.Count == 0 ? "0 seconds" : string.Join(' ', parts.Take(2));

        void Add(int value, string unit)
        {
            if (value > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{value} {unit}{(value == 1 ? "" : "s")}"));
            }
        }
    }
}
