using System.Globalization;
using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Bounding-box consolidation for one image with <see cref="BoxConsolidator"/>: boxes are matched across workers
/// (Hungarian assignment on IoU, same label), clusters drawn by no more than half of the workers are dropped as
/// outliers, and each kept cluster is fused into one box, as Ground Truth "finds the most similar boxes from different
/// workers based on the Jaccard index (IoU) … and averages them" [DG:sms-annotation-consolidation]. Output is
/// <c>groundtruth/object-detection</c> with one confidence per box (support × agreement; 0.00 with one worker).
/// </summary>
/// <param name="crowdElement">The name the answers are keyed by, <c>crowd-bounding-box</c>.</param>
/// <param name="options">Matching threshold, quorum and fusion; the defaults when <c>null</c>.</param>
public sealed class FusedBoxes(string crowdElement, BoxConsolidationOptions? options = null) : IWeightedAnnotationConsolidator
{
    private readonly BoxConsolidator _consolidator = new(options);

    /// <inheritdoc />
    public string Name => "box-fusion";

    /// <inheritdoc />
    public ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers) =>
        Consolidate(labels, answers, null).Annotation;

    /// <inheritdoc />
    public WeightedConsolidation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers, IReadOnlyDictionary<string, double>? weights)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var (elements, size) = ShapeConsolidation.Elements(answers, crowdElement);
        var perWorker = answers.Select((answer, i) => new WorkerAnnotations<Box>(
            answer.WorkerId,
            [.. ImageShapeAnswer.Read(ShapeKind.Box, elements[i]).Select(shape =>
            {
                var (left, top, right, bottom) = shape.Envelope();
                return new Box(shape.Label, left, top, right - left, bottom - top);
            })])).ToList();
        var fused = _consolidator.Consolidate(perWorker, weights);

        var annotations = new JsonArray();
        var objects = new JsonArray();
        var classMap = new SortedDictionary<int, string>();
        foreach (var result in fused)
        {
            var classId = SingleLabelVote.IndexOf(labels, result.Box.Label);
            classMap[classId] = result.Box.Label;
            annotations.Add(new JsonObject
            {
                ["class_id"] = classId,
                ["top"] = Math.Round(result.Box.Top, 2),
                ["left"] = Math.Round(result.Box.Left, 2),
                ["height"] = Math.Round(result.Box.Height, 2),
                ["width"] = Math.Round(result.Box.Width, 2),
            });
            objects.Add(new JsonObject { ["confidence"] = answers.Count == 1 ? 0.0 : Math.Round(result.Confidence, 2) });
        }

        var label = new JsonObject
        {
            ["image_size"] = new JsonArray(new JsonObject { ["width"] = size.Width, ["height"] = size.Height, ["depth"] = 3 }),
            ["annotations"] = annotations,
        };
        var metadata = new JsonObject
        {
            ["objects"] = objects,
            ["class-map"] = new JsonObject(classMap.Select(p => KeyValuePair.Create(p.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)p.Value))),
        };
        var confidences = fused.Select(f => f.Confidence).ToList();
        return new WeightedConsolidation(
            new ConsolidatedAnnotation(label, metadata),
            ClusterAgreement.ObjectConfidence(answers.Count, confidences, ShapeConsolidation.EmptyShare(perWorker, weights)),
            ClusterAgreement.Score(perWorker.Select(w => KeyValuePair.Create(w.WorkerId, w.Items.Count)), [.. fused.Select(f => f.WorkerIds)]));
    }
}
