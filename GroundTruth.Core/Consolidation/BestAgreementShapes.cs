using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Consolidates image-canvas answers (boxes, polygons, polylines, keypoints) by keeping the answer of the worker who
/// agrees best with the others, a simple stand-in for Ground Truth's box consolidation, which "finds the most similar
/// boxes from different workers based on the Jaccard index (IoU) … and averages them" [DG:sms-annotation-consolidation].
/// </summary>
/// <remarks>
/// <para>Similarity of two shapes with the same label: IoU for boxes; for the other kinds, the IoU of their envelopes
/// grown by 1% of the image diagonal on every side (2% for keypoints), so lines and points still overlap; 0 across labels.</para>
/// <para>Agreement of two workers: shapes are matched greedily by descending similarity, and the matched similarities
/// are summed and divided by the larger shape count (1 when both drew nothing). The kept answer has the highest mean
/// agreement with the others; ties go to the earliest submission.</para>
/// <para>Each kept shape's confidence is the mean, over the other workers, of its best similarity with their shapes;
/// the object's confidence is the kept worker's mean agreement. Both are rounded to 2 decimals and 0.00 with one worker,
/// as Ground Truth reports [DG:sms-data-output#sms-output-metadata].</para>
/// <para>Boxes are written as <c>groundtruth/object-detection</c> (<c>image_size</c>, <c>annotations</c> with
/// <c>class_id</c>, <c>objects[].confidence</c>, <c>class-map</c>); other kinds as a custom task's
/// <c>{"annotatedResult":{"inputImageProperties", "&lt;list&gt;"}}</c>.</para>
/// </remarks>
/// <param name="kind">The kind of shape consolidated.</param>
/// <param name="crowdElement">The name the answers are keyed by, e.g. <c>crowd-bounding-box</c>.</param>
public sealed class BestAgreementShapes(ShapeKind kind, string crowdElement) : IAnnotationConsolidator
{
    /// <inheritdoc />
    public string Name => "best-agreement";

    /// <inheritdoc />
    public ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var elements = answers.Select(a => a.AnswerContent[crowdElement] as JsonObject ?? []).ToList();
        var shapes = elements.Select(e => ImageShapeAnswer.Read(kind, e)).ToList();
        var size = elements.Select(ImageShapeAnswer.ReadImageSize).FirstOrDefault(s => s is not null) ?? new ImageSize(0, 0);
        var best = 0;
        var bestAgreement = double.MinValue;
        for (var i = 0; i < shapes.Count; i++)
        {
            var agreement = MeanAgreement(shapes, i, size);
            if (agreement > bestAgreement + 1e-12)
            {
                (best, bestAgreement) = (i, agreement);
            }
        }

        var kept = shapes[best];
        var confidences = kept.Select(s => answers.Count == 1 ? 0.0 : Math.Round(
            shapes.Where((_, j) => j != best).Average(other => other.Select(o => Similarity(s, o, size)).DefaultIfEmpty(0).Max()), 2)).ToList();
        var objectConfidence = answers.Count == 1 ? 0.0 : Math.Round(bestAgreement, 2);
        return kind == ShapeKind.Box
            ? ObjectDetection(labels, kept, confidences, size)
            : Custom(elements[best], confidences, objectConfidence);
    }

    /// <summary>How much two workers' shape sets agree, in [0, 1] (see the class remarks).</summary>
    public static double Agreement(IReadOnlyList<ImageShape> a, IReadOnlyList<ImageShape> b, ImageSize size)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var pairs = new List<(double Similarity, int A, int B)>();
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                var similarity = Similarity(a[i], b[j], size);
                if (similarity > 0)
                {
                    pairs.Add((similarity, i, j));
                }
            }
        }

        var usedA = new bool[a.Count];
        var usedB = new bool[b.Count];
        var total = 0.0;
        foreach (var (similarity, i, j) in pairs.OrderByDescending(p => p.Similarity))
        {
            if (!usedA[i] && !usedB[j])
            {
                usedA[i] = usedB[j] = true;
                total += similarity;
            }
        }

        return total / Math.Max(a.Count, b.Count);
    }

    /// <summary>How alike two shapes are, in [0, 1] (see the class remarks).</summary>
    public static double Similarity(ImageShape a, ImageShape b, ImageSize size)
    {
        if (!string.Equals(a.Label, b.Label, StringComparison.Ordinal) || a.Kind != b.Kind)
        {
            return 0;
        }

        if (a.Kind == ShapeKind.Box)
        {
            return ShapeGeometry.Iou(a.Envelope(), b.Envelope());
        }

        var grow = size.Diagonal * (a.Kind == ShapeKind.Keypoint ? 0.02 : 0.01);
        return ShapeGeometry.Iou(Grow(a.Envelope(), grow), Grow(b.Envelope(), grow));
    }

    private static (double, double, double, double) Grow((double Left, double Top, double Right, double Bottom) e, double by) =>
        (e.Left - by, e.Top - by, e.Right + by, e.Bottom + by);

    private static double MeanAgreement(List<IReadOnlyList<ImageShape>> shapes, int worker, ImageSize size) =>
        shapes.Count == 1 ? 1 : shapes.Where((_, j) => j != worker).Average(other => Agreement(shapes[worker], other, size));

    private static ConsolidatedAnnotation ObjectDetection(IReadOnlyList<LabelCategory> labels, IReadOnlyList<ImageShape> boxes, IReadOnlyList<double> confidences, ImageSize size)
    {
        var annotations = new JsonArray();
        var classMap = new SortedDictionary<int, string>();
        foreach (var box in boxes)
        {
            var classId = SingleLabelVote.IndexOf(labels, box.Label);
            classMap[classId] = box.Label;
            var (left, top, right, bottom) = box.Envelope();
            annotations.Add(new JsonObject
            {
                ["class_id"] = classId,
                ["top"] = top,
                ["left"] = left,
                ["height"] = Math.Round(bottom - top, 2),
                ["width"] = Math.Round(right - left, 2),
            });
        }

        var label = new JsonObject
        {
            ["image_size"] = new JsonArray(new JsonObject { ["width"] = size.Width, ["height"] = size.Height, ["depth"] = 3 }),
            ["annotations"] = annotations,
        };
        var metadata = new JsonObject
        {
            ["objects"] = new JsonArray([.. confidences.Select(c => (JsonNode)new JsonObject { ["confidence"] = c })]),
            ["class-map"] = new JsonObject(classMap.Select(p => KeyValuePair.Create(p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)p.Value))),
        };
        return new ConsolidatedAnnotation(label, metadata);
    }

    private ConsolidatedAnnotation Custom(JsonObject element, IReadOnlyList<double> confidences, double confidence)
    {
        var list = ImageShapeAnswer.ListName(kind);
        var result = new JsonObject
        {
            ["inputImageProperties"] = element["inputImageProperties"]?.DeepClone(),
            [list] = element[list]?.DeepClone() ?? new JsonArray(),
        };
        var metadata = new JsonObject
        {
            ["confidence"] = confidence,
            ["objects"] = new JsonArray([.. confidences.Select(c => (JsonNode)new JsonObject { ["confidence"] = c })]),
        };
        return new ConsolidatedAnnotation(new JsonObject { ["annotatedResult"] = result }, metadata);
    }
}
