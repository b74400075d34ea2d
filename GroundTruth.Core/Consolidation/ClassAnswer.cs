namespace GroundTruth.Core.Consolidation;

/// <summary>One worker's answer for one data object in a single-label classification job.</summary>
/// <param name="ItemId">The data object the answer is for (e.g. the <c>datasetObjectId</c>).</param>
/// <param name="WorkerId">The worker who answered.</param>
/// <param name="Label">The class the worker chose.</param>
public sealed record ClassAnswer(string ItemId, string WorkerId, string Label);
