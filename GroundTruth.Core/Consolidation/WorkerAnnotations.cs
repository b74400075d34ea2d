namespace GroundTruth.Core.Consolidation;

/// <summary>One worker's answer for one data object: the annotations they drew (possibly none).</summary>
/// <typeparam name="T">The annotation type (box, keypoint, polygon, span…).</typeparam>
/// <param name="WorkerId">The worker's id, used to look up their reliability weight.</param>
/// <param name="Items">What the worker drew. An empty list means "nothing here", which still counts as an answer.</param>
public sealed record WorkerAnnotations<T>(string WorkerId, IReadOnlyList<T> Items);
