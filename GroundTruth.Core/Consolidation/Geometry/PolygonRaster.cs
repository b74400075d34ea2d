namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Rasterises polygons with an even-odd scanline fill sampled at cell centres (J. D. Foley et al., "Computer
/// Graphics: Principles and Practice", §3.6 "Filling polygons"), and compares them by mask IoU.
/// </summary>
public static class PolygonRaster
{
    /// <summary>
    /// Fills <paramref name="mask"/> (row-major, <paramref name="width"/> × <paramref name="height"/>, set to 1 inside)
    /// for the cells whose centre <c>(originX + (c + ½)·cell, originY + (r + ½)·cell)</c> lies inside the polygon.
    /// </summary>
    /// <param name="vertices">Polygon vertices (closed implicitly; self-intersections follow the even-odd rule).</param>
    /// <param name="originX">Image x of the grid's left edge.</param>
    /// <param name="originY">Image y of the grid's top edge.</param>
    /// <param name="cell">Cell size in pixels (1 = one cell per pixel).</param>
    /// <param name="width">Grid width in cells.</param>
    /// <param name="height">Grid height in cells.</param>
    /// <param name="mask">Output; cells inside are set to 1, others left unchanged.</param>
    /// <returns>The number of cells set.</returns>
    public static int Fill(IReadOnlyList<Point2> vertices, double originX, double originY, double cell, int width, int height, byte[] mask)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        ArgumentNullException.ThrowIfNull(mask);
        var n = vertices.Count;
        if (n < 3)
        {
            return 0;
        }

        var xs = new double[n];
        var filled = 0;
        for (var r = 0; r < height; r++)
        {
            var y = originY + ((r + 0.5) * cell);
            var count = 0;
            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                var a = vertices[i];
                var b = vertices[j];
                if ((a.Y <= y && y < b.Y) || (b.Y <= y && y < a.Y))
                {
                    xs[count++] = a.X + ((y - a.Y) / (b.Y - a.Y) * (b.X - a.X));
                }
            }

            Array.Sort(xs, 0, count);
            for (var k = 0; k + 1 < count; k += 2)
            {
                var c0 = Math.Max(0, (int)Math.Ceiling(((xs[k] - originX) / cell) - 0.5));
                var c1 = Math.Min(width, (int)Math.Ceiling(((xs[k + 1] - originX) / cell) - 0.5));
                var row = r * width;
                for (var c = c0; c < c1; c++)
                {
                    if (mask[row + c] == 0)
                    {
                        mask[row + c] = 1;
                        filled++;
                    }
                }
            }
        }

        return filled;
    }

    /// <summary>IoU of the rasterised areas of two polygons on a one-pixel grid over their joint bounding box.</summary>
    /// <param name="a">First polygon.</param>
    /// <param name="b">Second polygon.</param>
    /// <returns>Mask IoU in [0, 1].</returns>
    public static double MaskIou(IReadOnlyList<Point2> a, IReadOnlyList<Point2> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (x0, y0, x1, y1) = Bounds(a);
        var (bx0, by0, bx1, by1) = Bounds(b);
        x0 = Math.Floor(Math.Min(x0, bx0));
        y0 = Math.Floor(Math.Min(y0, by0));
        var w = (int)Math.Ceiling(Math.Max(x1, bx1) - x0);
        var h = (int)Math.Ceiling(Math.Max(y1, by1) - y0);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var ma = new byte[w * h];
        var mb = new byte[w * h];
        var na = Fill(a, x0, y0, 1, w, h, ma);
        var nb = Fill(b, x0, y0, 1, w, h, mb);
        var inter = 0;
        for (var i = 0; i < ma.Length; i++)
        {
            inter += ma[i] & mb[i];
        }

        var union = na + nb - inter;
        return union > 0 ? (double)inter / union : 0;
    }

    /// <summary>Bounding box of a vertex list as (minX, minY, maxX, maxY).</summary>
    /// <param name="vertices">The vertices (non-empty).</param>
    /// <returns>The bounds.</returns>
    public static (double MinX, double MinY, double MaxX, double MaxY) Bounds(IReadOnlyList<Point2> vertices)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
        foreach (var p in vertices)
        {
            x0 = Math.Min(x0, p.X);
            y0 = Math.Min(y0, p.Y);
            x1 = Math.Max(x1, p.X);
            y1 = Math.Max(y1, p.Y);
        }

        return (x0, y0, x1, y1);
    }
}
