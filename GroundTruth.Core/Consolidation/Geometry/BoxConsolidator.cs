namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Consolidates several workers' bounding boxes for one image into one set of boxes.
/// </summary>
/// <remarks>
/// <para>Source: SageMaker Ground Truth's documented bounding-box consolidation — "finds the most similar boxes from
/// different workers based on the Jaccard index, or intersection over union, of the boxes and averages them",
/// with one confidence per output box (Developer Guide, "Annotation consolidation"). The matching threshold,
/// outlier rule and weights are not documented by AWS; the choices below are ours.</para>
/// <list type="number">
/// <item>Workers are visited by descending reliability weight. Each worker's boxes are matched one-to-one to the
/// clusters built so far by <see cref="HungarianAssignment"/> on the cost <c>1 − IoU(box, cluster mean box)</c>,
/// plus 1 when the label differs from the cluster's seed label (same label first); pairs with IoU below
/// <see cref="BoxConsolidationOptions.IouThreshold"/> may not match. Unmatched boxes open new clusters, so a
/// cluster never holds two boxes from one worker.</item>
/// <item>Clusters whose weight is not more than <see cref="BoxConsolidationOptions.QuorumFraction"/> of the total weight
/// of the workers who answered (including those who drew nothing) are dropped as outliers.</item>
/// <item>Edges are fused by reliability-weighted mean (or median), with weights raised to
/// <see cref="BoxConsolidationOptions.FusionWeightExponent"/>; the label is the weighted plurality, ties to the
/// ordinally smallest label.</item>
/// <item>Confidence = (Σ member weights / Σ answering-worker weights) × (weighted mean IoU of members to the fused box);
/// 0 when a single worker answered, as Ground Truth does.</item>
/// </list>
/// <para>Thread-safe: scratch buffers are per thread, so images can be consolidated with <c>Parallel.For</c>.</para>
/// </remarks>
public sealed class BoxConsolidator
{
    private const double Forbidden = 1e6;

    [ThreadStatic]
    private static Workspace? t_workspace;

    /// <summary>Creates a consolidator.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public BoxConsolidator(BoxConsolidationOptions? options = null)
    {
        Options = options ?? new BoxConsolidationOptions();
    }

    /// <summary>The settings in use.</summary>
    public BoxConsolidationOptions Options { get; }

    /// <summary>Consolidates one image.</summary>
    /// <param name="answers">One entry per worker who answered the image (an empty box list counts as an answer).</param>
    /// <param name="weights">Optional reliability weight per worker id (missing workers weigh 1).</param>
    /// <returns>The consolidated boxes, in cluster-creation order.</returns>
    public IReadOnlyList<ConsolidatedBox> Consolidate(
        IReadOnlyList<WorkerAnnotations<Box>> answers,
        IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var workers = answers.Count;
        if (workers == 0)
        {
            return [];
        }

        var ws = t_workspace ??= new Workspace();
        var totalBoxes = 0;
        for (var k = 0; k < workers; k++)
        {
            totalBoxes += answers[k].Items.Count;
        }

        ws.Ensure(workers, totalBoxes);
        var totalWeight = 0.0;
        for (var k = 0; k < workers; k++)
        {
            ws.WorkerWeight[k] = WeightedStatistics.WeightOf(weights, answers[k].WorkerId);
            ws.FusionWeight[k] = Options.FusionWeightExponent == 1 ? ws.WorkerWeight[k] : Math.Pow(ws.WorkerWeight[k], Options.FusionWeightExponent);
            totalWeight += ws.WorkerWeight[k];
        }

        var clusterCount = BuildClusters(answers, ws);
        var result = new List<ConsolidatedBox>();
        var quorum = (Options.QuorumFraction * totalWeight) + (1e-9 * totalWeight);
        for (var c = 0; c < clusterCount; c++)
        {
            if (ws.ClusterWeight[c] <= quorum)
            {
                continue;
            }

            result.Add(Fuse(answers, ws, c, workers, totalWeight));
        }

        return result;
    }

    private int BuildClusters(IReadOnlyList<WorkerAnnotations<Box>> answers, Workspace ws)
    {
        var workers = answers.Count;
        var threshold = Options.IouThreshold;

        // Order workers by descending weight (stable insertion sort; a handful of workers).
        for (var k = 0; k < workers; k++)
        {
            var j = k - 1;
            while (j >= 0 && ws.WorkerWeight[ws.Order[j]] < ws.WorkerWeight[k])
            {
                ws.Order[j + 1] = ws.Order[j];
                j--;
            }

            ws.Order[j + 1] = k;
        }

        var clusterCount = 0;
        var sums = ws.Sums;
        for (var o = 0; o < workers; o++)
        {
            var k = ws.Order[o];
            var w = ws.WorkerWeight[k];
            var fw = ws.FusionWeight[k];
            var boxes = answers[k].Items;
            var n = boxes.Count;
            if (n == 0)
            {
                continue;
            }

            var assign = ws.Assign.AsSpan(0, n);
            if (clusterCount > 0)
            {
                if (ws.Cost.Length < n * clusterCount)
                {
                    ws.Cost = new double[n * clusterCount];
                }

                var cost = ws.Cost;
                for (var i = 0; i < n; i++)
                {
                    var b = boxes[i];
                    double l = b.Left, t = b.Top, r = b.Left + b.Width, btm = b.Top + b.Height;
                    var row = i * clusterCount;
                    for (var c = 0; c < clusterCount; c++)
                    {
                        var cw = ws.ClusterFusionWeight[c];
                        var s = c * 4;
                        var iou = Box.Iou(l, t, r, btm, sums[s] / cw, sums[s + 1] / cw, sums[s + 2] / cw, sums[s + 3] / cw);
                        cost[row + c] = iou >= threshold
                            ? 1 - iou + (string.Equals(b.Label, ws.SeedLabel[c], StringComparison.Ordinal) ? 0 : 1)
                            : Forbidden;
                    }
                }

                HungarianAssignment.Solve(cost.AsSpan(0, n * clusterCount), n, clusterCount, assign, Forbidden);
            }
            else
            {
                assign.Fill(-1);
            }

            for (var i = 0; i < n; i++)
            {
                var c = assign[i];
                if (c < 0)
                {
                    c = clusterCount++;
                    ws.ClusterWeight[c] = 0;
                    ws.ClusterFusionWeight[c] = 0;
                    ws.MemberCount[c] = 0;
                    ws.SeedLabel[c] = boxes[i].Label;
                    sums[c * 4] = sums[(c * 4) + 1] = sums[(c * 4) + 2] = sums[(c * 4) + 3] = 0;
                }

                var b = boxes[i];
                sums[c * 4] += fw * b.Left;
                sums[(c * 4) + 1] += fw * b.Top;
                sums[(c * 4) + 2] += fw * (b.Left + b.Width);
                sums[(c * 4) + 3] += fw * (b.Top + b.Height);
                ws.ClusterWeight[c] += w;
                ws.ClusterFusionWeight[c] += fw;
                var slot = (c * workers) + ws.MemberCount[c]++;
                ws.MemberWorker[slot] = k;
                ws.MemberItem[slot] = i;
            }
        }

        return clusterCount;
    }

    private ConsolidatedBox Fuse(IReadOnlyList<WorkerAnnotations<Box>> answers, Workspace ws, int c, int workers, double totalWeight)
    {
        var count = ws.MemberCount[c];
        var cw = ws.ClusterWeight[c];
        double l, t, r, b;
        if (Options.Fusion == BoxFusion.WeightedMean || count <= 2)
        {
            // With two members the weighted median degenerates to the lower value or the mean; use the mean.
            var s = c * 4;
            var fw = ws.ClusterFusionWeight[c];
            l = ws.Sums[s] / fw;
            t = ws.Sums[s + 1] / fw;
            r = ws.Sums[s + 2] / fw;
            b = ws.Sums[s + 3] / fw;
        }
        else
        {
            l = MedianEdge(answers, ws, c, workers, 0);
            t = MedianEdge(answers, ws, c, workers, 1);
            r = MedianEdge(answers, ws, c, workers, 2);
            b = MedianEdge(answers, ws, c, workers, 3);
        }

        var ids = new string[count];
        var iouSum = 0.0;
        for (var m = 0; m < count; m++)
        {
            var slot = (c * workers) + m;
            var k = ws.MemberWorker[slot];
            var box = answers[k].Items[ws.MemberItem[slot]];
            ws.Labels[m] = box.Label;
            ws.VoteWeights[m] = ws.WorkerWeight[k];
            ids[m] = answers[k].WorkerId;
            iouSum += ws.WorkerWeight[k] * Box.Iou(box.Left, box.Top, box.Right, box.Bottom, l, t, r, b);
        }

        var label = WeightedStatistics.Vote(ws.Labels.AsSpan(0, count), ws.VoteWeights.AsSpan(0, count), out _);
        var confidence = answers.Count == 1 ? 0.0 : cw / totalWeight * (iouSum / cw);
        return new ConsolidatedBox(new Box(label, l, t, r - l, b - t), confidence, ids);
    }

    private static double MedianEdge(IReadOnlyList<WorkerAnnotations<Box>> answers, Workspace ws, int c, int workers, int edge)
    {
        var count = ws.MemberCount[c];
        for (var m = 0; m < count; m++)
        {
            var slot = (c * workers) + m;
            var k = ws.MemberWorker[slot];
            var box = answers[k].Items[ws.MemberItem[slot]];
            ws.Values[m] = edge switch
            {
                0 => box.Left,
                1 => box.Top,
                2 => box.Right,
                _ => box.Bottom,
            };
            ws.VoteWeights[m] = ws.FusionWeight[k];
        }

        return WeightedStatistics.WeightedMedian(ws.Values.AsSpan(0, count), ws.VoteWeights.AsSpan(0, count));
    }

    /// <summary>Per-thread scratch buffers, grown on demand, so the hot loop does not allocate.</summary>
    private sealed class Workspace
    {
        public double[] WorkerWeight = [];
        public double[] FusionWeight = [];
        public double[] ClusterFusionWeight = [];
        public int[] Order = [];
        public double[] Cost = [];
        public int[] Assign = [];
        public double[] Sums = [];
        public double[] ClusterWeight = [];
        public int[] MemberCount = [];
        public string[] SeedLabel = [];
        public int[] MemberWorker = [];
        public int[] MemberItem = [];
        public string[] Labels = [];
        public double[] VoteWeights = [];
        public double[] Values = [];

        public void Ensure(int workers, int totalBoxes)
        {
            var clusters = Math.Max(totalBoxes, 1);
            if (WorkerWeight.Length < workers)
            {
                WorkerWeight = new double[workers];
                FusionWeight = new double[workers];
                Order = new int[workers];
                Labels = new string[workers];
                VoteWeights = new double[workers];
                Values = new double[workers];
            }

            if (ClusterWeight.Length < clusters)
            {
                Sums = new double[clusters * 4];
                ClusterWeight = new double[clusters];
                ClusterFusionWeight = new double[clusters];
                MemberCount = new int[clusters];
                SeedLabel = new string[clusters];
                Assign = new int[clusters];
            }

            if (MemberWorker.Length < clusters * workers)
            {
                MemberWorker = new int[clusters * workers];
                MemberItem = new int[clusters * workers];
            }

        }
    }
}
