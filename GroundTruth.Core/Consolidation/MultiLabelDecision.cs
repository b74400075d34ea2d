namespace GroundTruth.Core.Consolidation;

/// <summary>The consolidated labels of one data object in a multi-label job.</summary>
/// <param name="ItemId">The data object.</param>
/// <param name="Labels">The labels that apply, in label order; empty when none does.</param>
public sealed record MultiLabelDecision(string ItemId, IReadOnlyList<LabelConfidence> Labels);
