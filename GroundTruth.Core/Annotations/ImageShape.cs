namespace GroundTruth.Core.Annotations;

/// <summary>
/// One labeled shape in image pixels. A box has its two corners (top-left, bottom-right) as vertices, a keypoint one
/// vertex, polygons and polylines their vertices in drawing order.
/// </summary>
/// <param name="Kind">What the vertices describe.</param>
/// <param name="Label">The label category.</param>
/// <param name="Vertices">The vertices, in image pixels.</param>
public sealed record ImageShape(ShapeKind Kind, string Label, IReadOnlyList<ShapePoint> Vertices)
{
    /// <summary>A box from the crowd element's <c>left, top, width, height</c>.</summary>
    public static ImageShape Box(string label, double left, double top, double width, double height) =>
        new(ShapeKind.Box, label, [new(left, top), new(left + width, top + height)]);

    /// <summary>The smallest axis-aligned rectangle holding every vertex: (left, top, right, bottom).</summary>
    public (double Left, double Top, double Right, double Bottom) Envelope()
    {
        double left = double.MaxValue, top = double.MaxValue, right = double.MinValue, bottom = double.MinValue;
        foreach (var p in Vertices)
        {
            left = Math.Min(left, p.X);
            top = Math.Min(top, p.Y);
            right = Math.Max(right, p.X);
            bottom = Math.Max(bottom, p.Y);
        }

        return (left, top, right, bottom);
    }
}
