namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Consolidates several workers' keypoints for one image.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Points are matched across workers, one per worker per cluster and only within a label, by the object keypoint
/// similarity of COCO (Lin et al. 2014, cocodataset.org "Keypoint Evaluation"): <c>OKS = exp(−d² / (2 s² κ²))</c>,
/// with s the object scale (or the image diagonal, <see cref="ImageDiagonal"/>) and κ from the options; pairs below
/// <see cref="KeypointConsolidationOptions.OksThreshold"/> may not match (see <c>CrossWorkerClustering</c>).</item>
/// <item>Clusters without a weighted quorum of the answering workers are dropped.</item>
/// <item>Outliers: members farther than k × the median member distance from the cluster's coordinate-wise weighted
/// median are rejected (k = <see cref="KeypointConsolidationOptions.OutlierFactor"/>; the median distance is floored
/// at s·κ/4 so a tight cluster does not reject everything), then the point is the weighted median of the inliers.</item>
/// <item>Confidence = inlier weight / answering weight × weighted mean OKS of inliers to the fused point; 0 with one worker.</item>
/// </list>
/// </remarks>
public sealed class KeypointConsolidator
{
    /// <summary>Creates a consolidator.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public KeypointConsolidator(KeypointConsolidationOptions? options = null)
    {
        Options = options ?? new KeypointConsolidationOptions();
    }

    /// <summary>The settings in use.</summary>
    public KeypointConsolidationOptions Options { get; }

    /// <summary>The image diagonal, a default scale when no object scale is known.</summary>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <returns>√(width² + height²).</returns>
    public static double ImageDiagonal(double width, double height) => Math.Sqrt((width * width) + (height * height));

    /// <summary>OKS similarity of two points.</summary>
    /// <param name="a">First point.</param>
    /// <param name="b">Second point.</param>
    /// <param name="scale">Object scale s in pixels.</param>
    /// <param name="kappa">Falloff κ.</param>
    /// <returns>Similarity in (0, 1].</returns>
    public static double Oks(Keypoint a, Keypoint b, double scale, double kappa)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dx = a.X - b.X;
        var dy = a.Y - b.Y;
        var sk = scale * kappa;
        return Math.Exp(-((dx * dx) + (dy * dy)) / (2 * sk * sk));
    }

    /// <summary>Consolidates one image.</summary>
    /// <param name="answers">One entry per answering worker.</param>
    /// <param name="scale">Object scale s in pixels (√area of the object, or <see cref="ImageDiagonal"/>).</param>
    /// <param name="weights">Optional reliability weight per worker id (default 1).</param>
    /// <returns>The consolidated keypoints.</returns>
    public IReadOnlyList<ConsolidatedKeypoint> Consolidate(
        IReadOnlyList<WorkerAnnotations<Keypoint>> answers,
        double scale,
        IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (answers.Count == 0)
        {
            return [];
        }

        var kappa = Options.Kappa;
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
            (a, b) => string.Equals(a.Label, b.Label, StringComparison.Ordinal) ? Oks(a, b, scale, kappa) : 0,
            p => p.Label,
            Options.OksThreshold);

        var result = new List<ConsolidatedKeypoint>();
        foreach (var cluster in clusters)
        {
            var n = cluster.Count;
            var cw = 0.0;
            foreach (var m in cluster)
            {
                cw += w[m.Worker];
            }

            if (cw <= (Options.QuorumFraction * total) + (1e-9 * total))
            {
                continue;
            }

            var pts = new Keypoint[n];
            var pw = new double[n];
            for (var i = 0; i < n; i++)
            {
                pts[i] = answers[cluster[i].Worker].Items[cluster[i].Item];
                pw[i] = w[cluster[i].Worker];
            }

            var median = Median(pts, pw, null);
            var dist = new double[n];
            for (var i = 0; i < n; i++)
            {
                dist[i] = Math.Sqrt(Square(pts[i].X - median.X) + Square(pts[i].Y - median.Y));
            }

            var sorted = (double[])dist.Clone();
            Array.Sort(sorted);
            var medDist = Math.Max(sorted[(n - 1) / 2], scale * kappa / 4);
            var inlier = new bool[n];
            for (var i = 0; i < n; i++)
            {
                inlier[i] = dist[i] <= Options.OutlierFactor * medDist;
            }

            var fused = Median(pts, pw, inlier);
            var inW = 0.0;
            var oksSum = 0.0;
            var ids = new List<string>(n);
            for (var i = 0; i < n; i++)
            {
                if (!inlier[i])
                {
                    continue;
                }

                inW += pw[i];
                oksSum += pw[i] * Oks(pts[i], fused, scale, kappa);
                ids.Add(answers[cluster[i].Worker].WorkerId);
            }

            var confidence = answers.Count == 1 ? 0 : inW / total * (oksSum / inW);
            result.Add(new ConsolidatedKeypoint(fused, confidence, ids));
        }

        return result;
    }

    private static double Square(double v) => v * v;

    private static Keypoint Median(Keypoint[] pts, double[] pw, bool[]? keep)
    {
        var xs = new List<double>(pts.Length);
        var ys = new List<double>(pts.Length);
        var ws = new List<double>(pts.Length);
        var labels = new List<string>(pts.Length);
        for (var i = 0; i < pts.Length; i++)
        {
            if (keep is null || keep[i])
            {
                xs.Add(pts[i].X);
                ys.Add(pts[i].Y);
                ws.Add(pw[i]);
                labels.Add(pts[i].Label);
            }
        }

        var wx = ws.ToArray();
        var x = WeightedStatistics.WeightedMedian(xs.ToArray(), wx);
        var y = WeightedStatistics.WeightedMedian(ys.ToArray(), ws.ToArray());
        return new Keypoint(labels[0], x, y);
    }
}
