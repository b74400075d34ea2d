namespace GroundTruth.Core.Annotations;

/// <summary>A point in image pixels, origin at the top-left corner, y down (the crowd elements' <c>{x, y}</c>).</summary>
/// <param name="X">Pixels from the left edge.</param>
/// <param name="Y">Pixels from the top edge.</param>
public readonly record struct ShapePoint(double X, double Y);
