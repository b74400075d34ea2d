namespace GroundTruth.Core.Consolidation;

/// <summary>
/// How well one worker's annotations of an object agree with the consolidated ones, for clustering consolidators
/// whose every kept cluster lists the workers that formed it (at most one item per worker per cluster).
/// </summary>
/// <remarks>
/// The score is the F1 of the worker against the consensus: with <c>m</c> kept clusters that contain the worker,
/// <c>n</c> items the worker drew and <c>k</c> kept clusters, precision is <c>m / n</c>, recall <c>m / k</c> and
/// <c>F1 = 2m / (n + k)</c>; 1 when both drew nothing. Items rejected as outliers or dropped for lack of quorum count
/// against the worker, missed objects too. This is the detection part of the panoptic-quality score that
/// <see cref="Geometry.BoxReliability"/> uses, without the IoU factor, so it applies to every kind of annotation.
/// </remarks>
public static class ClusterAgreement
{
    /// <summary>F1 of each worker against the kept clusters (see the class remarks).</summary>
    /// <param name="itemCounts">Per worker id, how many items they drew (0 still counts as an answer).</param>
    /// <param name="keptClusters">For each kept cluster, the workers whose items formed it.</param>
    /// <returns>Per worker id, the score in [0, 1].</returns>
    public static IReadOnlyDictionary<string, double> Score(
        IEnumerable<KeyValuePair<string, int>> itemCounts,
        IReadOnlyList<IReadOnlyList<string>> keptClusters)
    {
        ArgumentNullException.ThrowIfNull(itemCounts);
        ArgumentNullException.ThrowIfNull(keptClusters);
        var matched = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cluster in keptClusters)
        {
            foreach (var worker in cluster.Distinct(StringComparer.Ordinal))
            {
                matched[worker] = matched.GetValueOrDefault(worker) + 1;
            }
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (worker, count) in itemCounts)
        {
            var denominator = count + keptClusters.Count;
            scores[worker] = denominator == 0 ? 1 : 2.0 * Math.Min(matched.GetValueOrDefault(worker), count) / denominator;
        }

        return scores;
    }

    /// <summary>
    /// One confidence for an object: the mean of the kept items' confidences; when nothing was kept, the weight share
    /// of the workers who drew nothing (all agreeing that there is nothing scores 1); 0 with a single worker.
    /// </summary>
    /// <param name="answerCount">How many workers answered.</param>
    /// <param name="itemConfidences">The kept items' confidences.</param>
    /// <param name="emptyShare">The weight share of workers who drew nothing.</param>
    public static double ObjectConfidence(int answerCount, IReadOnlyCollection<double> itemConfidences, double emptyShare)
    {
        ArgumentNullException.ThrowIfNull(itemConfidences);
        if (answerCount <= 1)
        {
            return 0;
        }

        return Math.Round(itemConfidences.Count == 0 ? emptyShare : itemConfidences.Average(), 2);
    }
}
