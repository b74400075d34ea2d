using System.Globalization;

namespace GroundTruth.Portal.Components;

/// <summary>Formats amounts the same way on every page: the number with two to four decimals, then the currency code.</summary>
public static class Money
{
    public static string Format(decimal amount, string? currency) =>
        $"{amount.ToString("#,0.00##", CultureInfo.InvariantCulture)} {currency ?? ""}".TrimEnd();
}
