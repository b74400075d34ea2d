using GroundTruth.Core.Validation;

namespace GroundTruth.Core.Jobs;

/// <summary>One label a worker may choose, as an entry of a label category configuration file.</summary>
/// <param name="Label">The label's name, unique within the job, 1–256 characters.</param>
/// <param name="ShortDisplayName">Optional short name (named-entity jobs show it beside spans).</param>
public sealed record LabelCategory(string Label, string? ShortDisplayName = null)
{
    /// <summary>Most characters of a short display name: it is drawn beside every span, so it must stay short.</summary>
    public const int MaxShortDisplayNameLength = 16;

    /// <summary>Reads a label typed on one line as <c>label</c> or <c>label | short name</c> (both parts trimmed).</summary>
    public static LabelCategory ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var bar = line.LastIndexOf('|');
        if (bar < 0)
        {
            return new LabelCategory(line.Trim());
        }

        var shortName = line[(bar + 1)..].Trim();
        return new LabelCategory(line[..bar].Trim(), shortName.Length == 0 ? null : shortName);
    }

    /// <summary>Checks short display names: at most <see cref="MaxShortDisplayNameLength"/> characters and unique.</summary>
    /// <returns>One error per bad label, with the field <c>labels[i]</c>.</returns>
    public static IReadOnlyList<FieldError> ValidateShortNames(IReadOnlyList<LabelCategory> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i].ShortDisplayName is not { } shortName)
            {
                continue;
            }

            if (shortName.Trim().Length == 0 || shortName.Length > MaxShortDisplayNameLength)
            {
                errors.Add(new($"labels[{i}]", $"Short name '{shortName}' of '{labels[i].Label}' must have 1–{MaxShortDisplayNameLength} characters."));
            }
            else if (!seen.Add(shortName))
            {
                errors.Add(new($"labels[{i}]", $"Short name '{shortName}' is used by two labels."));
            }
        }

        return errors;
    }
}
