namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Turns a binary mask back into polygons: topology checks, marching squares (W. E. Lorensen &amp; H. E. Cline,
/// "Marching Cubes", SIGGRAPH 1987, in its 2-D form) and Douglas–Peucker simplification (D. H. Douglas &amp;
/// T. K. Peucker, Cartographica 10(2), 1973).
/// </summary>
/// <remarks>
/// Foreground is 4-connected and background 8-connected, the usual dual pair (Rosenfeld 1970), and marching squares
/// resolves both saddle cases by separating the two diagonal foreground cells, which is consistent with that choice.
/// </remarks>
public static class MaskContour
{
    /// <summary>Counts 4-connected foreground components and background holes (8-connected background regions not touching the border).</summary>
    /// <param name="mask">Row-major mask, non-zero = foreground.</param>
    /// <param name="width">Width in cells.</param>
    /// <param name="height">Height in cells.</param>
    /// <returns>The number of foreground components and of holes.</returns>
    public static (int Components, int Holes) Topology(byte[] mask, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(mask);

        // Pad by one background cell so the outside is a single background region.
        int w = width + 2, h = height + 2;
        var grid = new byte[w * h];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                grid[((y + 1) * w) + x + 1] = mask[(y * width) + x] != 0 ? (byte)1 : (byte)0;
            }
        }

        var seen = new bool[w * h];
        var stack = new Stack<int>();
        int fg = 0, bg = 0;
        for (var start = 0; start < grid.Length; start++)
        {
            if (seen[start])
            {
                continue;
            }

            var value = grid[start];
            if (value == 1)
            {
                fg++;
            }
            else
            {
                bg++;
            }

            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                int px = p % w, py = p / w;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        if ((dx == 0 && dy == 0) || (value == 1 && dx != 0 && dy != 0))
                        {
                            continue;
                        }

                        int qx = px + dx, qy = py + dy;
                        if (qx < 0 || qy < 0 || qx >= w || qy >= h)
                        {
                            continue;
                        }

                        var q = (qy * w) + qx;
                        if (!seen[q] && grid[q] == value)
                        {
                            seen[q] = true;
                            stack.Push(q);
                        }
                    }
                }
            }
        }

        return (fg, bg - 1);
    }

    /// <summary>
    /// Traces the iso-0.5 contours of the mask by marching squares. Cell (x, y) is sampled at (x + ½, y + ½), so the
    /// output is in cell units with the grid's top-left corner at (0, 0). Returns every closed loop, longest first.
    /// </summary>
    /// <param name="mask">Row-major mask, non-zero = foreground.</param>
    /// <param name="width">Width in cells.</param>
    /// <param name="height">Height in cells.</param>
    /// <returns>The closed contours (first vertex not repeated at the end).</returns>
    public static List<List<Point2>> Trace(byte[] mask, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(mask);
        int w = width + 2, h = height + 2;
        byte At(int gx, int gy) => gx >= 1 && gy >= 1 && gx <= width && gy <= height && mask[((gy - 1) * width) + gx - 1] != 0 ? (byte)1 : (byte)0;

        // Edge-point ids: horizontal edges H(x, y) = y·w + x, vertical edges V(x, y) = w·h + y·w + x.
        var points = 2 * w * h;
        var nbr = new int[points * 2];
        Array.Fill(nbr, -1);
        void Link(int p, int q)
        {
            nbr[(p * 2) + (nbr[p * 2] < 0 ? 0 : 1)] = q;
            nbr[(q * 2) + (nbr[q * 2] < 0 ? 0 : 1)] = p;
        }

        for (var cy = 0; cy < h - 1; cy++)
        {
            for (var cx = 0; cx < w - 1; cx++)
            {
                var code = At(cx, cy) | (At(cx + 1, cy) << 1) | (At(cx + 1, cy + 1) << 2) | (At(cx, cy + 1) << 3);
                if (code is 0 or 15)
                {
                    continue;
                }

                int top = (cy * w) + cx, bottom = ((cy + 1) * w) + cx, left = (w * h) + (cy * w) + cx, right = left + 1;
                switch (code)
                {
                    case 1: case 14: Link(left, top); break;
                    case 2: case 13: Link(top, right); break;
                    case 3: case 12: Link(left, right); break;
                    case 4: case 11: Link(right, bottom); break;
                    case 6: case 9: Link(top, bottom); break;
                    case 7: case 8: Link(left, bottom); break;
                    case 5: Link(left, top); Link(right, bottom); break;
                    default: Link(top, right); Link(left, bottom); break; // 10
                }
            }
        }

        var loops = new List<List<Point2>>();
        var visited = new bool[points];
        for (var start = 0; start < points; start++)
        {
            if (visited[start] || nbr[start * 2] < 0)
            {
                continue;
            }

            var loop = new List<Point2>();
            int prev = -1, cur = start;
            while (!visited[cur])
            {
                visited[cur] = true;
                loop.Add(Coordinates(cur, w, h));
                var next = nbr[cur * 2] != prev ? nbr[cur * 2] : nbr[(cur * 2) + 1];
                prev = cur;
                cur = next;
                if (cur < 0)
                {
                    break;
                }
            }

            loops.Add(loop);
        }

        loops.Sort((a, b) => b.Count.CompareTo(a.Count));
        return loops;
    }

    /// <summary>Douglas–Peucker simplification of a closed polygon.</summary>
    /// <param name="ring">Closed ring (first vertex not repeated).</param>
    /// <param name="tolerance">Maximum distance of a dropped vertex from the simplified outline.</param>
    /// <returns>The simplified ring (at least 3 vertices when the input has them).</returns>
    public static List<Point2> SimplifyClosed(IReadOnlyList<Point2> ring, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var n = ring.Count;
        if (n <= 3)
        {
            return [.. ring];
        }

        // Split the ring at vertex 0 and the vertex farthest from it, simplify both chains.
        var far = 0;
        var farD = -1.0;
        for (var i = 1; i < n; i++)
        {
            var d = Point2.Distance(ring[0], ring[i]);
            if (d > farD)
            {
                farD = d;
                far = i;
            }
        }

        var keep = new bool[n];
        keep[0] = keep[far] = true;
        Mark(ring, 0, far, tolerance, keep);
        Mark(ring, far, n, tolerance, keep);
        var result = new List<Point2>();
        for (var i = 0; i < n; i++)
        {
            if (keep[i])
            {
                result.Add(ring[i]);
            }
        }

        return result;
    }

    private static void Mark(IReadOnlyList<Point2> ring, int first, int last, double tolerance, bool[] keep)
    {
        // Indices are taken modulo n so the second chain can end at vertex 0 again.
        var n = ring.Count;
        var stack = new Stack<(int, int)>();
        stack.Push((first, last));
        while (stack.Count > 0)
        {
            var (a, b) = stack.Pop();
            if (b - a < 2)
            {
                continue;
            }

            var pa = ring[a % n];
            var pb = ring[b % n];
            var index = -1;
            var max = tolerance;
            for (var i = a + 1; i < b; i++)
            {
                var d = SegmentDistance(ring[i % n], pa, pb);
                if (d > max)
                {
                    max = d;
                    index = i;
                }
            }

            if (index >= 0)
            {
                keep[index % n] = true;
                stack.Push((a, index));
                stack.Push((index, b));
            }
        }
    }

    private static double SegmentDistance(Point2 p, Point2 a, Point2 b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        var len2 = (dx * dx) + (dy * dy);
        if (len2 <= 0)
        {
            return Point2.Distance(p, a);
        }

        var t = Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / len2, 0, 1);
        return Point2.Distance(p, new Point2(a.X + (t * dx), a.Y + (t * dy)));
    }

    private static Point2 Coordinates(int id, int w, int h)
    {
        // Padded-grid sample (gx, gy) sits at cell-unit coordinate (gx − 1 + ½, gy − 1 + ½) = (gx − ½, gy − ½).
        if (id < w * h)
        {
            int x = id % w, y = id / w;
            return new Point2(x, y - 0.5);
        }

        id -= w * h;
        int vx = id % w, vy = id / w;
        return new Point2(vx - 0.5, vy);
    }
}
