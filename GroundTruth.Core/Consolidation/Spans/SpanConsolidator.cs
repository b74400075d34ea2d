namespace GroundTruth.Core.Consolidation.Spans;

/// <summary>
/// Consolidates several workers' named-entity spans for one text.
/// </summary>
/// <remarks>
/// As SageMaker Ground Truth documents for NER ("Annotation consolidation"): selections are clustered by Jaccard
/// similarity, boundaries are the mode of the start and of the end offsets (the median if there is no clear mode),
/// and the label is the one most assigned in the cluster. Our specifics: clusters hold at most one span per worker and
/// are built by Hungarian matching on <c>1 − Jaccard</c> (same label preferred, Jaccard ≥ threshold); modes and votes
/// are reliability-weighted (plain counts when all weights are 1); "no clear mode" means the top weight is shared by
/// several offsets, and the median is then the lower weighted median; label ties go to the ordinally smallest label
/// (Ground Truth breaks them at random). Clusters without more than <see cref="SpanConsolidationOptions.QuorumFraction"/>
/// of the answering weight are dropped. Confidence = support share; 0 with a single worker, as Ground Truth does.
/// </remarks>
public sealed class SpanConsolidator
{
    /// <summary>Creates a consolidator.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public SpanConsolidator(SpanConsolidationOptions? options = null)
    {
        Options = options ?? new SpanConsolidationOptions();
    }

    /// <summary>The settings in use.</summary>
    public SpanConsolidationOptions Options { get; }

    /// <summary>Consolidates one text.</summary>
    /// <param name="answers">One entry per answering worker (no spans still counts as an answer).</param>
    /// <param name="weights">Optional reliability weight per worker id (default 1).</param>
    /// <returns>The consolidated entities, ordered by start offset.</returns>
    public IReadOnlyList<ConsolidatedSpan> Consolidate(
        IReadOnlyList<WorkerAnnotations<EntitySpan>> answers,
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

        var clusters = CrossWorkerClustering.Build(
            answers,
            WeightedStatistics.OrderByWeight(w),
            EntitySpan.Jaccard,
            s => s.Label,
            Options.JaccardThreshold);

        var result = new List<ConsolidatedSpan>();
        foreach (var cluster in clusters)
        {
            var n = cluster.Count;
            var starts = new double[n];
            var ends = new double[n];
            var sw = new double[n];
            var labels = new string[n];
            var ids = new string[n];
            var cw = 0.0;
            for (var i = 0; i < n; i++)
            {
                var span = answers[cluster[i].Worker].Items[cluster[i].Item];
                starts[i] = span.StartOffset;
                ends[i] = span.EndOffset;
                sw[i] = w[cluster[i].Worker];
                labels[i] = span.Label;
                ids[i] = answers[cluster[i].Worker].WorkerId;
                cw += sw[i];
            }

            if (cw <= (Options.QuorumFraction * total) + (1e-9 * total))
            {
                continue;
            }

            var label = WeightedStatistics.Vote(labels, sw, out _);
            var start = ModeOrMedian(starts, sw);
            var end = ModeOrMedian(ends, sw);
            if (end <= start)
            {
                start = (int)Math.Floor(WeightedStatistics.WeightedMedian((double[])starts.Clone(), (double[])sw.Clone()));
                end = (int)Math.Ceiling(WeightedStatistics.WeightedMedian((double[])ends.Clone(), (double[])sw.Clone()));
            }

            var confidence = answers.Count == 1 ? 0 : cw / total;
            result.Add(new ConsolidatedSpan(new EntitySpan(label, start, end), confidence, ids));
        }

        result.Sort((a, b) => a.Entity.StartOffset != b.Entity.StartOffset
            ? a.Entity.StartOffset.CompareTo(b.Entity.StartOffset)
            : a.Entity.EndOffset.CompareTo(b.Entity.EndOffset));
        return result;
    }

    /// <summary>Weighted mode; when the top weight is shared by several values, the lower weighted median (rounded down).</summary>
    private static int ModeOrMedian(double[] values, double[] weights)
    {
        double best = values[0], bestWeight = -1;
        var tied = false;
        for (var i = 0; i < values.Length; i++)
        {
            var sum = 0.0;
            var seen = false;
            for (var j = 0; j < values.Length; j++)
            {
                if (values[j] == values[i])
                {
                    if (j < i)
                    {
                        seen = true;
                        break;
                    }

                    sum += weights[j];
                }
            }

            if (seen)
            {
                continue;
            }

            if (sum > bestWeight + 1e-12)
            {
                best = values[i];
                bestWeight = sum;
                tied = false;
            }
            else if (Math.Abs(sum - bestWeight) <= 1e-12)
            {
                tied = true;
            }
        }

        if (!tied)
        {
            return (int)best;
        }

        return (int)Math.Floor(WeightedStatistics.WeightedMedian((double[])values.Clone(), (double[])weights.Clone()));
    }
}
