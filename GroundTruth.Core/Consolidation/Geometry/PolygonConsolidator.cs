namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Consolidates several workers' polygons for one image.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Every polygon is rasterised once (<see cref="PolygonRaster.Fill"/>, even-odd scanline at cell centres) on one
/// grid covering all polygons of the image; the cell is 1 px unless the extent exceeds
/// <see cref="PolygonConsolidationOptions.MaxRasterSide"/>.</item>
/// <item>Polygons are matched across workers (one per worker per cluster, same label preferred) by mask IoU ≥
/// <see cref="PolygonConsolidationOptions.IouThreshold"/>; clusters without a weighted quorum are dropped.</item>
/// <item>Fusion: a cell is foreground when the weight of members covering it is more than half the cluster weight
/// (the per-pixel majority vote Ground Truth documents for semantic segmentation). If that mask is one 4-connected
/// component without holes it is re-traced by marching squares and simplified by Douglas–Peucker
/// (<see cref="PolygonFusionMethod.PixelVote"/>). Otherwise re-tracing would return several polygons or lose a hole
/// that no single worker drew, i.e. change the topology of what was annotated, so the member with the highest
/// weighted mask IoU to the cluster is returned unchanged (<see cref="PolygonFusionMethod.Medoid"/>).</item>
/// <item>Label by weighted vote. Confidence = support share × weighted mean mask IoU of members to the output.</item>
/// </list>
/// </remarks>
public sealed class PolygonConsolidator
{
    /// <summary>Creates a consolidator.</summary>
    /// <param name="options">Settings; defaults when null.</param>
    public PolygonConsolidator(PolygonConsolidationOptions? options = null)
    {
        Options = options ?? new PolygonConsolidationOptions();
    }

    /// <summary>The settings in use.</summary>
    public PolygonConsolidationOptions Options { get; }

    /// <summary>Consolidates one image.</summary>
    /// <param name="answers">One entry per answering worker.</param>
    /// <param name="weights">Optional reliability weight per worker id (default 1).</param>
    /// <returns>The consolidated polygons.</returns>
    public IReadOnlyList<ConsolidatedPolygon> Consolidate(
        IReadOnlyList<WorkerAnnotations<Polygon>> answers,
        IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            return [];
        }

        var w = new double[answers.Count];
        var total = 0.0;
        double x0 = double.PositiveInfinity, y0 = double.PositiveInfinity, x1 = double.NegativeInfinity, y1 = double.NegativeInfinity;
        for (var k = 0; k < w.Length; k++)
        {
            w[k] = WeightedStatistics.WeightOf(weights, answers[k].WorkerId);
            total += w[k];
            foreach (var p in answers[k].Items)
            {
                if (p.Vertices.Count == 0)
                {
                    continue;
                }

                var b = PolygonRaster.Bounds(p.Vertices);
                x0 = Math.Min(x0, b.MinX);
                y0 = Math.Min(y0, b.MinY);
                x1 = Math.Max(x1, b.MaxX);
                y1 = Math.Max(y1, b.MaxY);
            }
        }

        if (double.IsInfinity(x0))
        {
            return [];
        }

        x0 = Math.Floor(x0);
        y0 = Math.Floor(y0);
        var cell = Math.Max(1.0, Math.Max(x1 - x0, y1 - y0) / Options.MaxRasterSide);
        var grid = new Grid(x0, y0, cell);
        var rasters = new Dictionary<Polygon, Raster>(ReferenceEqualityComparer.Instance);
        foreach (var answer in answers)
        {
            foreach (var p in answer.Items)
            {
                rasters.TryAdd(p, grid.Rasterize(p.Vertices));
            }
        }

        var clusters = CrossWorkerClustering.Build(
            answers,
            WeightedStatistics.OrderByWeight(w),
            (a, b) => Raster.Iou(rasters[a], rasters[b]),
            p => p.Label,
            Options.IouThreshold);

        var result = new List<ConsolidatedPolygon>();
        foreach (var cluster in clusters)
        {
            var n = cluster.Count;
            var members = new Raster[n];
            var mw = new double[n];
            var labels = new string[n];
            var ids = new string[n];
            var cw = 0.0;
            for (var i = 0; i < n; i++)
            {
                var poly = answers[cluster[i].Worker].Items[cluster[i].Item];
                members[i] = rasters[poly];
                mw[i] = w[cluster[i].Worker];
                labels[i] = poly.Label;
                ids[i] = answers[cluster[i].Worker].WorkerId;
                cw += mw[i];
            }

            if (cw <= (Options.QuorumFraction * total) + (1e-9 * total))
            {
                continue;
            }

            var label = WeightedStatistics.Vote(labels, mw, out _);
            var vote = Vote(members, mw, cw);
            var (components, holes) = MaskContour.Topology(vote.Mask, vote.W, vote.H);
            Polygon output;
            Raster outputRaster;
            PolygonFusionMethod method;
            if (components == 1 && holes == 0)
            {
                var ring = MaskContour.Trace(vote.Mask, vote.W, vote.H)[0];
                var mapped = new List<Point2>(ring.Count);
                foreach (var p in ring)
                {
                    mapped.Add(new Point2(x0 + ((vote.Ox + p.X) * cell), y0 + ((vote.Oy + p.Y) * cell)));
                }

                output = new Polygon(label, MaskContour.SimplifyClosed(mapped, Options.SimplifyTolerance));
                outputRaster = vote;
                method = PolygonFusionMethod.PixelVote;
            }
            else
            {
                var best = 0;
                var bestScore = double.NegativeInfinity;
                for (var i = 0; i < n; i++)
                {
                    var s = 0.0;
                    for (var j = 0; j < n; j++)
                    {
                        s += mw[j] * (i == j ? 1 : Raster.Iou(members[i], members[j]));
                    }

                    if (s > bestScore + 1e-12)
                    {
                        bestScore = s;
                        best = i;
                    }
                }

                output = answers[cluster[best].Worker].Items[cluster[best].Item] with { Label = label };
                outputRaster = members[best];
                method = PolygonFusionMethod.Medoid;
            }

            var iouSum = 0.0;
            for (var i = 0; i < n; i++)
            {
                iouSum += mw[i] * Raster.Iou(members[i], outputRaster);
            }

            var confidence = answers.Count == 1 ? 0 : cw / total * (iouSum / cw);
            result.Add(new ConsolidatedPolygon(output, confidence, ids, method));
        }

        return result;
    }

    private static Raster Vote(Raster[] members, double[] weights, double clusterWeight)
    {
        int ox = int.MaxValue, oy = int.MaxValue, ex = int.MinValue, ey = int.MinValue;
        foreach (var m in members)
        {
            ox = Math.Min(ox, m.Ox);
            oy = Math.Min(oy, m.Oy);
            ex = Math.Max(ex, m.Ox + m.W);
            ey = Math.Max(ey, m.Oy + m.H);
        }

        int w = ex - ox, h = ey - oy;
        var acc = new double[w * h];
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            for (var y = 0; y < m.H; y++)
            {
                var src = y * m.W;
                var dst = ((m.Oy - oy + y) * w) + (m.Ox - ox);
                for (var x = 0; x < m.W; x++)
                {
                    if (m.Mask[src + x] != 0)
                    {
                        acc[dst + x] += weights[i];
                    }
                }
            }
        }

        var mask = new byte[w * h];
        var area = 0;
        var half = clusterWeight / 2;
        for (var i = 0; i < acc.Length; i++)
        {
            if (acc[i] > half + 1e-12)
            {
                mask[i] = 1;
                area++;
            }
        }

        return new Raster(ox, oy, w, h, mask, area);
    }

    /// <summary>A polygon rasterised on the image grid: offset and size in cells, mask and area.</summary>
    private sealed record Raster(int Ox, int Oy, int W, int H, byte[] Mask, int Area)
    {
        public static double Iou(Raster a, Raster b)
        {
            int x0 = Math.Max(a.Ox, b.Ox), y0 = Math.Max(a.Oy, b.Oy);
            int x1 = Math.Min(a.Ox + a.W, b.Ox + b.W), y1 = Math.Min(a.Oy + a.H, b.Oy + b.H);
            var inter = 0;
            for (var y = y0; y < y1; y++)
            {
                var ra = ((y - a.Oy) * a.W) - a.Ox;
                var rb = ((y - b.Oy) * b.W) - b.Ox;
                for (var x = x0; x < x1; x++)
                {
                    inter += a.Mask[ra + x] & b.Mask[rb + x];
                }
            }

            var union = a.Area + b.Area - inter;
            return union > 0 ? (double)inter / union : 0;
        }
    }

    private sealed record Grid(double X0, double Y0, double Cell)
    {
        public Raster Rasterize(IReadOnlyList<Point2> vertices)
        {
            if (vertices.Count < 3)
            {
                return new Raster(0, 0, 0, 0, [], 0);
            }

            var b = PolygonRaster.Bounds(vertices);
            var ox = (int)Math.Floor((b.MinX - X0) / Cell);
            var oy = (int)Math.Floor((b.MinY - Y0) / Cell);
            var w = (int)Math.Ceiling((b.MaxX - X0) / Cell) - ox + 1;
            var h = (int)Math.Ceiling((b.MaxY - Y0) / Cell) - oy + 1;
            var mask = new byte[w * h];
            var area = PolygonRaster.Fill(vertices, X0 + (ox * Cell), Y0 + (oy * Cell), Cell, w, h, mask);
            return new Raster(ox, oy, w, h, mask, area);
        }
    }
}
