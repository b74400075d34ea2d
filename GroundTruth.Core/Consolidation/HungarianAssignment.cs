namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Minimum-cost one-to-one assignment for small rectangular cost matrices: the Hungarian (Kuhn–Munkres) method
/// with row/column potentials, O(n²·m) for n ≤ m. Source: H. W. Kuhn, "The Hungarian method for the assignment
/// problem" (1955), in the shortest-augmenting-path form of Jonker &amp; Volgenant (1987) as popularised by
/// e-maxx.ru ("Венгерский алгоритм"). Above <see cref="GreedyThreshold"/> cells a greedy fallback is used.
/// </summary>
public static class HungarianAssignment
{
    /// <summary>Matrices with more cells than this are solved greedily (cheapest free pair first).</summary>
    public const int GreedyThreshold = 128 * 128;

    /// <summary>
    /// Assigns rows to columns. <paramref name="cost"/> is row-major, <paramref name="rows"/> × <paramref name="cols"/>.
    /// Writes into <paramref name="rowToCol"/> (length ≥ rows) the column of each row, or −1 when the row is left
    /// unassigned (only possible when rows &gt; cols). Costs must be finite (use a large finite value for
    /// forbidden pairs). Pairs with cost ≥ <paramref name="forbidden"/> are reported
    /// as −1 too, so callers can encode "may not match" as a large cost.
    /// </summary>
    /// <param name="cost">Row-major cost matrix.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="cols">Number of columns.</param>
    /// <param name="rowToCol">Output: assigned column per row, or −1.</param>
    /// <param name="forbidden">Cost at or above which an assignment is treated as no match.</param>
    public static void Solve(ReadOnlySpan<double> cost, int rows, int cols, Span<int> rowToCol, double forbidden = double.PositiveInfinity)
    {
        if (rows == 0)
        {
            return;
        }

        if (cols == 0)
        {
            rowToCol[..rows].Fill(-1);
            return;
        }

        if ((long)rows * cols > GreedyThreshold)
        {
            SolveGreedy(cost, rows, cols, rowToCol, forbidden);
            return;
        }

        if (rows <= cols)
        {
            SolveKuhnMunkres(cost, rows, cols, transposed: false, rowToCol);
        }
        else
        {
            // Solve the transpose (columns as rows) so that n ≤ m holds, then invert the assignment.
            Span<int> colToRow = cols <= 256 ? stackalloc int[cols] : new int[cols];
            SolveKuhnMunkres(cost, cols, rows, transposed: true, colToRow);
            rowToCol[..rows].Fill(-1);
            for (var c = 0; c < cols; c++)
            {
                if (colToRow[c] >= 0)
                {
                    rowToCol[colToRow[c]] = c;
                }
            }
        }

        for (var r = 0; r < rows; r++)
        {
            var c = rowToCol[r];
            if (c >= 0 && cost[(r * cols) + c] >= forbidden)
            {
                rowToCol[r] = -1;
            }
        }
    }

    /// <summary>Greedy assignment: repeatedly take the cheapest pair whose row and column are both free.</summary>
    /// <param name="cost">Row-major cost matrix.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="cols">Number of columns.</param>
    /// <param name="rowToCol">Output: assigned column per row, or −1.</param>
    /// <param name="forbidden">Cost at or above which a pair is never taken.</param>
    public static void SolveGreedy(ReadOnlySpan<double> cost, int rows, int cols, Span<int> rowToCol, double forbidden = double.PositiveInfinity)
    {
        var n = rows * cols;
        var order = new int[n];
        var keys = new double[n];
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (cost[i] < forbidden)
            {
                order[count] = i;
                keys[count] = cost[i];
                count++;
            }
        }

        Array.Sort(keys, order, 0, count);
        rowToCol[..rows].Fill(-1);
        var colUsed = new bool[cols];
        for (var k = 0; k < count; k++)
        {
            var r = order[k] / cols;
            var c = order[k] % cols;
            if (rowToCol[r] < 0 && !colUsed[c])
            {
                rowToCol[r] = c;
                colUsed[c] = true;
            }
        }
    }

    private static void SolveKuhnMunkres(ReadOnlySpan<double> cost, int n, int m, bool transposed, Span<int> rowToCol)
    {
        // 1-based arrays as in the classic formulation; index 0 is the virtual start column.
        var size = m + 1;
        Span<double> u = n + 1 <= 128 ? stackalloc double[n + 1] : new double[n + 1];
        Span<double> v = size <= 128 ? stackalloc double[size] : new double[size];
        Span<double> minv = size <= 128 ? stackalloc double[size] : new double[size];
        Span<int> p = size <= 128 ? stackalloc int[size] : new int[size];
        Span<int> way = size <= 128 ? stackalloc int[size] : new int[size];
        Span<bool> used = size <= 128 ? stackalloc bool[size] : new bool[size];
        u.Clear();
        v.Clear();
        p.Clear();
        way.Clear();
        var origCols = transposed ? n : m;

        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            minv.Fill(double.PositiveInfinity);
            used.Clear();
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var c = transposed ? cost[((j - 1) * origCols) + (i0 - 1)] : cost[((i0 - 1) * origCols) + (j - 1)];
                    var cur = c - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }

                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        rowToCol[..n].Fill(-1);
        for (var j = 1; j <= m; j++)
        {
            if (p[j] != 0)
            {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
    }
}
