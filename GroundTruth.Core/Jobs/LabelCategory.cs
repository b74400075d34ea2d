namespace GroundTruth.Core.Jobs;

/// <summary>One label a worker may choose, as an entry of a label category configuration file.</summary>
/// <param name="Label">The label's name, unique within the job, 1–256 characters.</param>
/// <param name="ShortDisplayName">Optional short name (named-entity jobs show it beside spans).</param>
public sealed record LabelCategory(string Label, string? ShortDisplayName = null);
