namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>A point in image pixels (origin top-left), as in <c>crowd-polygon</c> and <c>crowd-polyline</c> vertices.</summary>
/// <param name="X">Horizontal coordinate.</param>
/// <param name="Y">Vertical coordinate.</param>
public readonly record struct Point2(double X, double Y)
{
    /// <summary>Euclidean distance between two points.</summary>
    /// <param name="a">First point.</param>
    /// <param name="b">Second point.</param>
    /// <returns>The distance.</returns>
    public static double Distance(Point2 a, Point2 b)
    {
        var dx = a.X - b.X;
        var dy = a.Y - b.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
