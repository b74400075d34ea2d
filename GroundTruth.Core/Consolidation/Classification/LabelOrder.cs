using System.Globalization;

namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// Puts labels into the order every consolidator uses for output and for deterministic tie-breaking: the job's
/// label categories first, in their configured order, then any other label in natural order (numeric when all of
/// those labels are integers, as the benchmarks' "strict" protocol requires, otherwise ordinal).
/// </summary>
internal static class LabelOrder
{
    /// <summary>Orders the distinct labels in <paramref name="seen"/> after the categories.</summary>
    /// <param name="seen">Distinct labels that occur in the answers.</param>
    /// <param name="categories">The job's label categories, or <see langword="null"/>.</param>
    /// <returns>Every category (without repeats) followed by the remaining seen labels.</returns>
    public static string[] Arrange(IReadOnlyCollection<string> seen, IReadOnlyList<string>? categories)
    {
        var ordered = new List<string>(seen.Count + (categories?.Count ?? 0));
        var placed = new HashSet<string>(StringComparer.Ordinal);
        if (categories is not null)
        {
            foreach (string category in categories)
            {
                ArgumentNullException.ThrowIfNull(category, nameof(categories));
                if (placed.Add(category))
                {
                    ordered.Add(category);
                }
            }
        }

        var rest = new List<string>();
        foreach (string label in seen)
        {
            if (!placed.Contains(label))
            {
                rest.Add(label);
            }
        }

        rest.Sort(NaturalComparer(rest));
        ordered.AddRange(rest);
        return [.. ordered];
    }

    private static Comparison<string> NaturalComparer(List<string> labels)
    {
        foreach (string label in labels)
        {
            if (!IsInteger(label))
            {
                return string.CompareOrdinal;
            }
        }

        return static (x, y) =>
        {
            int byValue = long.Parse(x, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                .CompareTo(long.Parse(y, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            return byValue != 0 ? byValue : string.CompareOrdinal(x, y);
        };
    }

    private static bool IsInteger(string label) =>
        long.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
