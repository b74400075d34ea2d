using System.Globalization;

namespace GroundTruth.Benchmarks.Measurement;

/// <summary>Formats figures for the tables: invariant culture, fixed precision, SI units.</summary>
internal static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Invariant);

    public static string Rate(double perSecond) => perSecond switch
    {
        double.NaN or double.PositiveInfinity => "-",
        >= 100 => perSecond.ToString("N0", Invariant),
        _ => perSecond.ToString("N1", Invariant),
    };

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("N2", Invariant) + " s";

    public static string Milliseconds(double value) => value.ToString(value >= 100 ? "N0" : "N1", Invariant);

    public static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("N0", Invariant) + " %" : "n/a";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("N2", Invariant) + " GB",
        >= 1_000_000 => (bytes / 1e6).ToString("N1", Invariant) + " MB",
        >= 1_000 => (bytes / 1e3).ToString("N1", Invariant) + " kB",
        _ => bytes.ToString(Invariant) + " B",
    };
}
