namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>A labelled simple polygon as <c>crowd-polygon</c> reports it: <c>{label, vertices:[{x,y}]}</c>.</summary>
/// <param name="Label">The class label.</param>
/// <param name="Vertices">Vertices in drawing order; the polygon is closed implicitly.</param>
public sealed record Polygon(string Label, IReadOnlyList<Point2> Vertices);
