namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>A labelled open polyline as <c>crowd-polyline</c> / <c>crowd-line</c> report it: <c>{label, vertices:[{x,y}]}</c>.</summary>
/// <param name="Label">The class label.</param>
/// <param name="Vertices">The vertices in drawing order (at least one).</param>
public sealed record Polyline(string Label, IReadOnlyList<Point2> Vertices);
