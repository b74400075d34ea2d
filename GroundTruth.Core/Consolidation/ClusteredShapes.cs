using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Polygon, polyline and keypoint consolidation for one image with the geometric consolidators: shapes are matched
/// across workers, clusters without a quorum are dropped as outliers, and each kept cluster becomes one shape —
/// <see cref="PolygonConsolidator"/> (mask IoU; pixel vote re-traced, or the most agreeing member when re-tracing would
/// change the topology), <see cref="PolylineConsolidator"/> (symmetric curve distance; the most agreeing member) and
/// <see cref="KeypointConsolidator"/> (OKS with the image diagonal as scale; outliers rejected; weighted median).
/// </summary>
/// <remarks>
/// <para>A single worker's answer is kept exactly as drawn (re-tracing one polygon would only move its vertices to
/// pixel corners), with confidence 0.00 as Ground Truth reports for one worker [DG:sms-data-output#sms-output-metadata].</para>
/// <para>The output is a custom task's <c>{"annotatedResult":{"inputImageProperties", "&lt;list&gt;"}}</c> in the crowd
/// element's shape, with metadata <c>confidence</c> (<see cref="ClusterAgreement.ObjectConfidence"/>) and one
/// <c>objects[].confidence</c> per output shape, in the same order.</para>
/// </remarks>
public sealed class ClusteredShapes : IWeightedAnnotationConsolidator
{
    private readonly ShapeKind _kind;
    private readonly string _crowdElement;
    private readonly PolygonConsolidator _polygons = new();
    private readonly PolylineConsolidator _polylines = new();
    private readonly KeypointConsolidator _keypoints = new();

    /// <summary>Creates a consolidator for polygons, polylines or keypoints.</summary>
    /// <param name="kind">The kind of shape (not boxes: <see cref="FusedBoxes"/> handles those).</param>
    /// <param name="crowdElement">The name the answers are keyed by, e.g. <c>crowd-polygon</c>.</param>
    public ClusteredShapes(ShapeKind kind, string crowdElement)
    {
        if (kind == ShapeKind.Box)
        {
            throw new ArgumentException("Boxes are consolidated by FusedBoxes.", nameof(kind));
        }

        _kind = kind;
        _crowdElement = crowdElement;
    }

    /// <inheritdoc />
    public string Name => _kind switch
    {
        ShapeKind.Polygon => "polygon-fusion",
        ShapeKind.Polyline => "polyline-medoid",
        _ => "keypoint-median",
    };

    /// <inheritdoc />
    public ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers) =>
        Consolidate(labels, answers, null).Annotation;

    /// <inheritdoc />
    public WeightedConsolidation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers, IReadOnlyDictionary<string, double>? weights)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var (elements, size) = ShapeConsolidation.Elements(answers, _crowdElement);
        var shapes = answers.Select((a, i) => new WorkerAnnotations<ImageShape>(a.WorkerId, ImageShapeAnswer.Read(_kind, elements[i]))).ToList();
        var kept = answers.Count == 1
            ? [.. shapes[0].Items.Select(s => (Shape: s, Confidence: 0.0, Workers: (IReadOnlyList<string>)[answers[0].WorkerId]))]
            : Cluster(shapes, size, weights);

        var list = new JsonArray([.. kept.Select(k => ToJson(k.Shape))]);
        var confidences = kept.Select(k => Math.Round(k.Confidence, 2)).ToList();
        var confidence = ClusterAgreement.ObjectConfidence(answers.Count, confidences, ShapeConsolidation.EmptyShare(shapes, weights));
        var label = new JsonObject
        {
            ["annotatedResult"] = new JsonObject
            {
                ["inputImageProperties"] = new JsonObject { ["height"] = size.Height, ["width"] = size.Width },
                [ImageShapeAnswer.ListName(_kind)] = list,
            },
        };
        var metadata = new JsonObject
        {
            ["confidence"] = confidence,
            ["objects"] = new JsonArray([.. confidences.Select(c => (JsonNode)new JsonObject { ["confidence"] = c })]),
        };
        return new WeightedConsolidation(
            new ConsolidatedAnnotation(label, metadata),
            confidence,
            ClusterAgreement.Score(shapes.Select(s => KeyValuePair.Create(s.WorkerId, s.Items.Count)), [.. kept.Select(k => k.Workers)]));
    }

    private List<(ImageShape Shape, double Confidence, IReadOnlyList<string> Workers)> Cluster(
        List<WorkerAnnotations<ImageShape>> shapes, ImageSize size, IReadOnlyDictionary<string, double>? weights)
    {
        static IReadOnlyList<Point2> Points(ImageShape s) => [.. s.Vertices.Select(v => new Point2(v.X, v.Y))];
        static IReadOnlyList<ShapePoint> Back(IReadOnlyList<Point2> points) => [.. points.Select(p => new ShapePoint(Math.Round(p.X, 2), Math.Round(p.Y, 2)))];

        switch (_kind)
        {
            case ShapeKind.Polygon:
                return [.. _polygons.Consolidate([.. shapes.Select(w => new WorkerAnnotations<Polygon>(w.WorkerId, [.. w.Items.Select(s => new Polygon(s.Label, Points(s)))]))], weights)
                    .Select(p => (new ImageShape(ShapeKind.Polygon, p.Polygon.Label, Back(p.Polygon.Vertices)), p.Confidence, p.WorkerIds))];
            case ShapeKind.Polyline:
                return [.. _polylines.Consolidate([.. shapes.Select(w => new WorkerAnnotations<Polyline>(w.WorkerId, [.. w.Items.Select(s => new Polyline(s.Label, Points(s)))]))], weights)
                    .Select(p => (new ImageShape(ShapeKind.Polyline, p.Polyline.Label, Back(p.Polyline.Vertices)), p.Confidence, p.WorkerIds))];
            default:
                var scale = size.Width > 0 && size.Height > 0 ? KeypointConsolidator.ImageDiagonal(size.Width, size.Height) : ExtentOf(shapes);
                return [.. _keypoints.Consolidate([.. shapes.Select(w => new WorkerAnnotations<Keypoint>(w.WorkerId, [.. w.Items.Select(s => new Keypoint(s.Label, s.Vertices[0].X, s.Vertices[0].Y))]))], scale, weights)
                    .Select(p => (new ImageShape(ShapeKind.Keypoint, p.Keypoint.Label, [new ShapePoint(Math.Round(p.Keypoint.X, 2), Math.Round(p.Keypoint.Y, 2))]), p.Confidence, p.WorkerIds))];
        }
    }

    private static double ExtentOf(List<WorkerAnnotations<ImageShape>> shapes)
    {
        var points = shapes.SelectMany(w => w.Items).SelectMany(s => s.Vertices).ToList();
        return points.Count == 0 ? 1 : Math.Max(1, KeypointConsolidator.ImageDiagonal(points.Max(p => p.X) - points.Min(p => p.X), points.Max(p => p.Y) - points.Min(p => p.Y)));
    }

    private static JsonObject ToJson(ImageShape shape) => shape.Kind == ShapeKind.Keypoint
        ? new JsonObject { ["label"] = shape.Label, ["x"] = shape.Vertices[0].X, ["y"] = shape.Vertices[0].Y }
        : new JsonObject
        {
            ["label"] = shape.Label,
            ["vertices"] = new JsonArray([.. shape.Vertices.Select(v => (JsonNode)new JsonObject { ["x"] = v.X, ["y"] = v.Y })]),
        };
}
