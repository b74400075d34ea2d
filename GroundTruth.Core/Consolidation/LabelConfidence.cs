namespace GroundTruth.Core.Consolidation;

/// <summary>One label of a consolidated multi-label answer.</summary>
/// <param name="Label">The label.</param>
/// <param name="Confidence">
/// Estimated probability that the label applies, in [0, 1], rounded to 2 decimals; 0.00 when only one worker
/// answered the data object.
/// </param>
public sealed record LabelConfidence(string Label, double Confidence);
