namespace GroundTruth.Core.Annotations;

/// <summary>The geometry the server checks and consolidates shapes with.</summary>
public static class ShapeGeometry
{
    /// <summary>
    /// Intersection over union (Jaccard index) of two axis-aligned rectangles given as (left, top, right, bottom);
    /// 0 when either is empty.
    /// </summary>
    public static double Iou((double Left, double Top, double Right, double Bottom) a, (double Left, double Top, double Right, double Bottom) b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var intersection = w * h;
        var union = ((a.Right - a.Left) * (a.Bottom - a.Top)) + ((b.Right - b.Left) * (b.Bottom - b.Top)) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }

    /// <summary>The area enclosed by a polygon (shoelace formula), always non-negative.</summary>
    public static double PolygonArea(IReadOnlyList<ShapePoint> vertices)
    {
        var twice = 0.0;
        for (var i = 0; i < vertices.Count; i++)
        {
            var (a, b) = (vertices[i], vertices[(i + 1) % vertices.Count]);
            twice += (a.X * b.Y) - (b.X * a.Y);
        }

        return Math.Abs(twice) / 2;
    }

    /// <summary>
    /// Whether two non-adjacent edges of the closed polygon cross or touch, checked pairwise (O(n²), fine for the
    /// hundreds of vertices a hand-drawn outline has).
    /// </summary>
    /// <returns>The indices of the first two edges that meet, or <c>null</c> when the polygon is simple.</returns>
    public static (int First, int Second)? FindSelfIntersection(IReadOnlyList<ShapePoint> vertices)
    {
        var n = vertices.Count;
        for (var i = 0; i < n; i++)
        {
            var (a1, a2) = (vertices[i], vertices[(i + 1) % n]);
            for (var j = i + 1; j < n; j++)
            {
                // Adjacent edges share a vertex by construction.
                if (j == i + 1 || (i == 0 && j == n - 1))
                {
                    continue;
                }

                if (SegmentsMeet(a1, a2, vertices[j], vertices[(j + 1) % n]))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    /// <summary>Whether segments p1–p2 and q1–q2 share at least one point.</summary>
    public static bool SegmentsMeet(ShapePoint p1, ShapePoint p2, ShapePoint q1, ShapePoint q2)
    {
        var d1 = Cross(q1, q2, p1);
        var d2 = Cross(q1, q2, p2);
        var d3 = Cross(p1, p2, q1);
        var d4 = Cross(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(q1, q2, p1)) || (d2 == 0 && OnSegment(q1, q2, p2))
            || (d3 == 0 && OnSegment(p1, p2, q1)) || (d4 == 0 && OnSegment(p1, p2, q2));
    }

    private static double Cross(ShapePoint o, ShapePoint a, ShapePoint b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));

    private static bool OnSegment(ShapePoint a, ShapePoint b, ShapePoint p) =>
        p.X >= Math.Min(a.X, b.X) && p.X <= Math.Max(a.X, b.X) && p.Y >= Math.Min(a.Y, b.Y) && p.Y <= Math.Max(a.Y, b.Y);
}
