namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Distances between polylines: arc-length resampling and the discrete Fréchet distance
/// (T. Eiter &amp; H. Mannila, "Computing Discrete Fréchet Distance", TU Wien CD-TR 94/64, 1994).
/// </summary>
public static class CurveDistance
{
    /// <summary>Resamples a polyline to <paramref name="count"/> points evenly spaced along its arc length.</summary>
    /// <param name="vertices">The polyline (at least one vertex).</param>
    /// <param name="count">Number of output points (≥ 2).</param>
    /// <returns>The resampled points, first and last equal to the input's.</returns>
    public static Point2[] Resample(IReadOnlyList<Point2> vertices, int count)
    {
        ArgumentNullException.ThrowIfNull(vertices);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        ArgumentOutOfRangeException.ThrowIfZero(vertices.Count);
        var result = new Point2[count];
        var n = vertices.Count;
        var cumulative = new double[n];
        for (var i = 1; i < n; i++)
        {
            cumulative[i] = cumulative[i - 1] + Point2.Distance(vertices[i - 1], vertices[i]);
        }

        var length = cumulative[n - 1];
        if (length <= 0)
        {
            Array.Fill(result, vertices[0]);
            return result;
        }

        var seg = 1;
        for (var k = 0; k < count; k++)
        {
            var target = length * k / (count - 1);
            while (seg < n - 1 && cumulative[seg] < target)
            {
                seg++;
            }

            var a = vertices[seg - 1];
            var b = vertices[seg];
            var segLen = cumulative[seg] - cumulative[seg - 1];
            var t = segLen > 0 ? Math.Clamp((target - cumulative[seg - 1]) / segLen, 0, 1) : 0;
            result[k] = new Point2(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));
        }

        return result;
    }

    /// <summary>Discrete Fréchet distance between two point sequences (O(n·m) dynamic programme, two rows).</summary>
    /// <param name="a">First sequence (non-empty).</param>
    /// <param name="b">Second sequence (non-empty).</param>
    /// <returns>The distance.</returns>
    public static double DiscreteFrechet(ReadOnlySpan<Point2> a, ReadOnlySpan<Point2> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            throw new ArgumentException("Both sequences need at least one point.");
        }

        var m = b.Length;
        var prev = new double[m];
        var cur = new double[m];
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var d = Point2.Distance(a[i], b[j]);
                double reach;
                if (i == 0 && j == 0)
                {
                    reach = 0;
                }
                else if (i == 0)
                {
                    reach = cur[j - 1];
                }
                else if (j == 0)
                {
                    reach = prev[0];
                }
                else
                {
                    reach = Math.Min(Math.Min(prev[j], prev[j - 1]), cur[j - 1]);
                }

                cur[j] = Math.Max(reach, d);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[m - 1];
    }

    /// <summary>
    /// Direction-independent polyline distance: both lines are resampled to <paramref name="samples"/> points and the
    /// smaller discrete Fréchet distance over the two traversal directions of <paramref name="b"/> is returned
    /// (a line drawn right-to-left is the same line).
    /// </summary>
    /// <param name="a">First polyline.</param>
    /// <param name="b">Second polyline.</param>
    /// <param name="samples">Resampling count (default 32).</param>
    /// <returns>The distance in pixels.</returns>
    public static double Symmetric(IReadOnlyList<Point2> a, IReadOnlyList<Point2> b, int samples = 32)
    {
        var ra = Resample(a, samples);
        var rb = Resample(b, samples);
        var forward = DiscreteFrechet(ra, rb);
        Array.Reverse(rb);
        return Math.Min(forward, DiscreteFrechet(ra, rb));
    }
}
