using System.Text.RegularExpressions;

namespace GroundTruth.Core.Jobs;

/// <summary>Ground Truth's naming rules for jobs, label attributes and labels (CreateLabelingJob API).</summary>
public static partial class JobNaming
{
    /// <summary>Longest job name.</summary>
    public const int MaxJobNameLength = 63;

    /// <summary>Longest label attribute name.</summary>
    public const int MaxLabelAttributeNameLength = 127;

    /// <summary>Longest label category name.</summary>
    public const int MaxLabelLength = 256;

    /// <summary>Checks a job name: 1–63 letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    /// <returns>The problem, or <c>null</c> when the name is valid.</returns>
    public static string? ValidateJobName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Enter a job name.";
        }

        if (name.Length > MaxJobNameLength)
        {
            return $"A job name has at most {MaxJobNameLength} characters; this one has {name.Length}.";
        }

        return NamePattern().IsMatch(name)
            ? null
            : "Use letters, digits and hyphens only, starting and ending with a letter or digit (e.g. birds-2026-11).";
    }

    /// <summary>
    /// Checks a label attribute name: the job-name character rules (up to 127), never <c>source</c> or
    /// <c>source-ref</c>, never ending in <c>-metadata</c>, and ending in <c>-ref</c> exactly when the task type needs it.
    /// </summary>
    /// <returns>The problem, or <c>null</c> when the name is valid.</returns>
    public static string? ValidateLabelAttributeName(string? name, TaskType taskType)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Enter a label attribute name: the key that will hold the labels in the output manifest.";
        }

        if (name.Length > MaxLabelAttributeNameLength)
        {
            return $"A label attribute name has at most {MaxLabelAttributeNameLength} characters; this one has {name.Length}.";
        }

        if (name.StartsWith('$'))
        {
            return "A label attribute name must not start with '$'.";
        }

        if (!NamePattern().IsMatch(name))
        {
            return "Use letters, digits and hyphens only, starting and ending with a letter or digit.";
        }

        if (name is "source" or "source-ref")
        {
            return $"'{name}' is reserved for the data object itself.";
        }

        if (name.EndsWith("-metadata", StringComparison.Ordinal))
        {
            return "A label attribute name must not end in '-metadata'; Ground Truth adds that suffix for the metadata key.";
        }

        var needsRef = TaskTypes.Get(taskType).LabelAttributeNeedsRef;
        var endsWithRef = name.EndsWith("-ref", StringComparison.Ordinal);
        if (needsRef && !endsWithRef)
        {
            return "For this task type the label attribute name must end in '-ref'.";
        }

        return !needsRef && endsWithRef
            ? "For this task type the label attribute name must not end in '-ref' (only semantic segmentation and its adjustment use '-ref'; its verification does not)."
            : null;
    }

    /// <summary>Checks one label category name: 1–256 characters, no surrounding spaces, no control characters, no HTML.</summary>
    /// <returns>The problem, or <c>null</c> when the label is valid.</returns>
    public static string? ValidateLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return "A label cannot be empty.";
        }

        if (label.Length > MaxLabelLength)
        {
            return $"A label has at most {MaxLabelLength} characters; this one has {label.Length}.";
        }

        if (label.Trim().Length != label.Length)
        {
            return $"Label '{label.Trim()}' has spaces at its start or end.";
        }

        if (label.Any(char.IsControl))
        {
            return $"Label '{label}' contains a control character (tab, new line...).";
        }

        return label.IndexOfAny(['<', '>']) >= 0
            ? $"Label '{label}' contains '<' or '>'; labels are plain text, not HTML."
            : null;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9](-*[a-zA-Z0-9])*\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
