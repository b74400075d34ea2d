namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Consolidates several workers' polylines for one image.
/// </summary>
/// <remarks>
/// Lines are matched across workers (one per worker per cluster, same label preferred) by the direction-independent
/// discrete Fréchet distance of <see cref="CurveDistance.Symmetric"/>, as similarity <c>1 / (1 + d / MatchDistance)</c>
/// ≥ 0.5. Clusters without a weighted quorum are dropped. Averaging vertices of lines with different vertex counts
/// and extents invents geometry nobody drew, so each cluster is represented by its weighted medoid: the member with the
/// smallest weighted sum of Fréchet distances to the others (Kaufman &amp; Rousseeuw, "Clustering by means of medoids",
/// 1987). The label is the weighted vote of the members.
/// </remarks>
public sealed class PolylineConsolidator
{
    /// <summary>Creates a consolidator.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public PolylineConsolidator(PolylineConsolidationOptions? options = null)
    {
        Options = options ?? new PolylineConsolidationOptions();
    }

    /// <summary>The settings in use.</summary>
    public PolylineConsolidationOptions Options { get; }

    /// <summary>Consolidates one image.</summary>
    /// <param name="answers">One entry per answering worker.</param>
    /// <param name="weights">Optional reliability weight per worker id (default 1).</param>
    /// <returns>The consolidated lines.</returns>
    public IReadOnlyList<ConsolidatedPolyline> Consolidate(
        IReadOnlyList<WorkerAnnotations<Polyline>> answers,
        IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            return [];
        }

        var w = new double[answers.Count];
        var total = 0.0;
        for (var k = 0; k < w.Length; k++)
        {
            w[k] = WeightedStatistics.WeightOf(weights, answers[k].WorkerId);
            total += w[k];
        }

        var scale = Options.MatchDistance;
        var samples = Options.Samples;
        double Similarity(Polyline a, Polyline b) => 1 / (1 + (CurveDistance.Symmetric(a.Vertices, b.Vertices, samples) / scale));

        var clusters = CrossWorkerClustering.Build(answers, WeightedStatistics.OrderByWeight(w), Similarity, l => l.Label, 0.5);
        var result = new List<ConsolidatedPolyline>();
        foreach (var cluster in clusters)
        {
            var n = cluster.Count;
            var lines = new Polyline[n];
            var lw = new double[n];
            var cw = 0.0;
            for (var i = 0; i < n; i++)
            {
                lines[i] = answers[cluster[i].Worker].Items[cluster[i].Item];
                lw[i] = w[cluster[i].Worker];
                cw += lw[i];
            }

            if (cw <= (Options.QuorumFraction * total) + (1e-9 * total))
            {
                continue;
            }

            var dist = new double[n * n];
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    dist[(i * n) + j] = dist[(j * n) + i] = CurveDistance.Symmetric(lines[i].Vertices, lines[j].Vertices, samples);
                }
            }

            var best = 0;
            var bestCost = double.PositiveInfinity;
            for (var i = 0; i < n; i++)
            {
                var s = 0.0;
                for (var j = 0; j < n; j++)
                {
                    s += lw[j] * dist[(i * n) + j];
                }

                if (s < bestCost - 1e-12)
                {
                    bestCost = s;
                    best = i;
                }
            }

            var bestScore = 0.0;
            for (var j = 0; j < n; j++)
            {
                bestScore += lw[j] / (1 + (dist[(best * n) + j] / scale));
            }

            var labels = new string[n];
            var ids = new string[n];
            for (var i = 0; i < n; i++)
            {
                labels[i] = lines[i].Label;
                ids[i] = answers[cluster[i].Worker].WorkerId;
            }

            var label = WeightedStatistics.Vote(labels, lw, out _);
            var confidence = answers.Count == 1 ? 0 : cw / total * (bestScore / cw);
            result.Add(new ConsolidatedPolyline(lines[best] with { Label = label }, confidence, ids));
        }

        return result;
    }
}
