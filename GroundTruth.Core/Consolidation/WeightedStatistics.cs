namespace GroundTruth.Core.Consolidation;

/// <summary>Small weighted statistics shared by the consolidators (medians, votes, worker ordering).</summary>
internal static class WeightedStatistics
{
    /// <summary>Weight floor so a fully distrusted worker still breaks exact ties deterministically.</summary>
    public const double MinWeight = 1e-6;

    /// <summary>Looks up a worker's weight (default 1, floored at <see cref="MinWeight"/>).</summary>
    public static double WeightOf(IReadOnlyDictionary<string, double>? weights, string workerId)
    {
        if (weights is null || !weights.TryGetValue(workerId, out var w) || double.IsNaN(w))
        {
            return 1.0;
        }

        return Math.Max(w, MinWeight);
    }

    /// <summary>
    /// Lower weighted median: the smallest value whose cumulative weight reaches half the total.
    /// Sorts both spans in place (insertion sort; inputs are a handful of workers).
    /// </summary>
    public static double WeightedMedian(Span<double> values, Span<double> weights)
    {
        var n = values.Length;
        for (var i = 1; i < n; i++)
        {
            var v = values[i];
            var w = weights[i];
            var j = i - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                weights[j + 1] = weights[j];
                j--;
            }

            values[j + 1] = v;
            weights[j + 1] = w;
        }

        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            total += weights[i];
        }

        var acc = 0.0;
        for (var i = 0; i < n; i++)
        {
            acc += weights[i];
            if (acc >= (total / 2) - 1e-12)
            {
                // Exactly half: average with the next value, the usual even-count median.
                if (Math.Abs(acc - (total / 2)) <= 1e-12 && i + 1 < n)
                {
                    return (values[i] + values[i + 1]) / 2;
                }

                return values[i];
            }
        }

        return n == 0 ? double.NaN : values[n - 1];
    }

    /// <summary>
    /// Weighted plurality vote. Ties go to the ordinally smallest label, so results are reproducible
    /// (Ground Truth breaks NER ties at random; we prefer determinism).
    /// </summary>
    public static string Vote(ReadOnlySpan<string> labels, ReadOnlySpan<double> weights, out double winnerWeight)
    {
        string best = labels[0];
        winnerWeight = -1;
        for (var i = 0; i < labels.Length; i++)
        {
            var sum = 0.0;
            var seenBefore = false;
            for (var j = 0; j < labels.Length; j++)
            {
                if (string.Equals(labels[j], labels[i], StringComparison.Ordinal))
                {
                    if (j < i)
                    {
                        seenBefore = true;
                        break;
                    }

                    sum += weights[j];
                }
            }

            if (seenBefore)
            {
                continue;
            }

            if (sum > winnerWeight + 1e-12 || (Math.Abs(sum - winnerWeight) <= 1e-12 && string.CompareOrdinal(labels[i], best) < 0))
            {
                winnerWeight = sum;
                best = labels[i];
            }
        }

        return best;
    }

    /// <summary>Worker indices by descending weight, ties by input order (the clustering seeds from the most reliable).</summary>
    public static int[] OrderByWeight(double[] weights)
    {
        var order = new int[weights.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (var i = 1; i < order.Length; i++)
        {
            var o = order[i];
            var j = i - 1;
            while (j >= 0 && weights[order[j]] < weights[o])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = o;
        }

        return order;
    }
}
