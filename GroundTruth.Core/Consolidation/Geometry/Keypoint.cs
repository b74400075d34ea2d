namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>A labelled point as <c>crowd-keypoint</c> reports it: <c>{label, x, y}</c>.</summary>
/// <param name="Label">The keypoint label (e.g. "left eye").</param>
/// <param name="X">Horizontal coordinate in pixels.</param>
/// <param name="Y">Vertical coordinate in pixels.</param>
public sealed record Keypoint(string Label, double X, double Y);
