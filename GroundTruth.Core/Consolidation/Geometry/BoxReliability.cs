namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Learns one reliability weight per worker over a whole job, for use as <see cref="BoxConsolidator"/> weights.
/// </summary>
/// <remarks>
/// As in Ground Truth's description, weighted consolidation assigns higher weights to more reliable annotations;
/// AWS does not publish how, so this is a hard-EM style alternation (in the spirit of Dawid &amp; Skene 1979):
/// <list type="number">
/// <item>Start with every weight = 1.</item>
/// <item>Consolidate every image with the current weights.</item>
/// <item>Score each worker on each image they answered by the panoptic-quality agreement with the consensus
/// (Kirillov et al., "Panoptic Segmentation", CVPR 2019): match their boxes one-to-one to the consensus boxes
/// (Hungarian, IoU ≥ threshold, same label), then
/// <c>PQ = Σ IoU(matched) / (TP + ½·FP + ½·FN)</c>, i.e. mean matched IoU × F1. An image where both the worker and
/// the consensus have no boxes scores 1.</item>
/// <item>New weight = the worker's mean PQ over their images, floored at <see cref="MinWeight"/>; repeat.
/// Honest workers' PQs are close together (typically 0.7–0.85), which barely changes a weighted mean; to let the
/// most precise workers dominate the geometry, raise <see cref="BoxConsolidationOptions.FusionWeightExponent"/>
/// rather than sharpening these weights, which would also let one heavy worker pass the quorum alone.</item>
/// </list>
/// The worker's own boxes are part of the consensus they are scored against; with the quorum rule dropping
/// unsupported clusters this still separates spammers (PQ near 0) from careful workers (PQ near 1).
/// </remarks>
public static class BoxReliability
{
    /// <summary>Lowest weight a worker can get, so nobody is removed entirely.</summary>
    public const double MinWeight = 0.01;

    /// <summary>Estimates worker weights by alternating consolidation and re-scoring.</summary>
    /// <param name="images">Per image, the workers' answers.</param>
    /// <param name="iterations">Number of consolidate/re-weight rounds (3–5 is usually enough).</param>
    /// <param name="options">Consolidation settings; defaults when null.</param>
    /// <returns>Weight per worker id, in [<see cref="MinWeight"/>, 1].</returns>
    public static IReadOnlyDictionary<string, double> Estimate(
        IReadOnlyList<IReadOnlyList<WorkerAnnotations<Box>>> images,
        int iterations = 5,
        BoxConsolidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        var consolidator = new BoxConsolidator(options);
        var threshold = consolidator.Options.IouThreshold;
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            foreach (var answer in image)
            {
                weights[answer.WorkerId] = 1.0;
            }
        }

        for (var it = 0; it < iterations; it++)
        {
            var sum = new Dictionary<string, double>(StringComparer.Ordinal);
            var count = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var image in images)
            {
                var consensus = consolidator.Consolidate(image, weights);
                foreach (var answer in image)
                {
                    var pq = PanopticQuality(answer.Items, consensus, threshold);
                    sum[answer.WorkerId] = sum.GetValueOrDefault(answer.WorkerId) + pq;
                    count[answer.WorkerId] = count.GetValueOrDefault(answer.WorkerId) + 1;
                }
            }

            foreach (var (id, s) in sum)
            {
                weights[id] = Math.Max(MinWeight, s / count[id]);
            }
        }

        return weights;
    }

    /// <summary>Panoptic quality of one worker's boxes against the consensus boxes (see remarks of <see cref="BoxReliability"/>).</summary>
    /// <param name="worker">The worker's boxes.</param>
    /// <param name="consensus">The consolidated boxes.</param>
    /// <param name="iouThreshold">Minimum IoU for a match.</param>
    /// <returns>PQ in [0, 1]; 1 when both are empty.</returns>
    public static double PanopticQuality(IReadOnlyList<Box> worker, IReadOnlyList<ConsolidatedBox> consensus, double iouThreshold)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(consensus);
        int n = worker.Count, m = consensus.Count;
        if (n == 0 && m == 0)
        {
            return 1;
        }

        if (n == 0 || m == 0)
        {
            return 0;
        }

        const double forbidden = 1e6;
        var cost = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var c = consensus[j].Box;
                var iou = string.Equals(worker[i].Label, c.Label, StringComparison.Ordinal) ? Box.Iou(worker[i], c) : 0;
                cost[(i * m) + j] = iou >= iouThreshold ? 1 - iou : forbidden;
            }
        }

        var assign = new int[n];
        HungarianAssignment.Solve(cost, n, m, assign, forbidden);
        var tp = 0;
        var iouSum = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (assign[i] >= 0)
            {
                tp++;
                iouSum += 1 - cost[(i * m) + assign[i]];
            }
        }

        return iouSum / (tp + (0.5 * (n - tp)) + (0.5 * (m - tp)));
    }
}
