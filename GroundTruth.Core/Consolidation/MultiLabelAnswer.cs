namespace GroundTruth.Core.Consolidation;

/// <summary>One worker's answer for one data object in a multi-label classification job.</summary>
/// <param name="ItemId">The data object the answer is for.</param>
/// <param name="WorkerId">The worker who answered.</param>
/// <param name="Labels">Every label the worker chose; may be empty ("none of these"). Repeats count once.</param>
public sealed record MultiLabelAnswer(string ItemId, string WorkerId, IReadOnlyList<string> Labels);
