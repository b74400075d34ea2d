namespace GroundTruth.Core.Review;

/// <summary>A label attribute found in a manifest that holds an earlier job's shapes.</summary>
/// <param name="Name">The attribute name, e.g. <c>bounding-box</c>.</param>
/// <param name="ClassNames">The class names its shapes use, in class-index order when a class map gives one.</param>
public sealed record EarlierLabelKey(string Name, IReadOnlyList<string> ClassNames);
