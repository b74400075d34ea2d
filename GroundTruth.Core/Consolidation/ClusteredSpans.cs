using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation.Spans;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Named-entity consolidation with <see cref="SpanConsolidator"/>: spans are clustered across workers by Jaccard
/// overlap of their character ranges, boundaries are the (weighted) mode of the offsets, the label is the weighted
/// vote, and clusters without a quorum are dropped, as Ground Truth documents for NER.
/// </summary>
/// <remarks>
/// <para>The label value is <c>{"annotations":{"labels":[{"label","shortDisplayName"}],"entities":[…]}}</c> with every
/// job label and the kept entities ordered by <c>startOffset</c>; the metadata holds one <c>entities[].confidence</c>
/// per kept entity in the same order (Ground Truth's <c>groundtruth/text-span</c>). With one worker every span is kept
/// with confidence 0.00.</para>
/// <para>Kept entities that overlap each other (possible when workers' spans chain across clusters) are resolved by
/// keeping the more confident one, because a flat NER answer has no overlaps.</para>
/// </remarks>
public sealed class ClusteredSpans(SpanConsolidationOptions? options = null) : IWeightedAnnotationConsolidator
{
    private readonly SpanConsolidator _consolidator = new(options);

    /// <inheritdoc />
    public string Name => "span-clusters";

    /// <inheritdoc />
    public ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers) =>
        Consolidate(labels, answers, null).Annotation;

    /// <inheritdoc />
    public WeightedConsolidation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers, IReadOnlyDictionary<string, double>? weights)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var perWorker = answers.Select(a => new WorkerAnnotations<EntitySpan>(
            a.WorkerId,
            [.. TextSpanAnswer.Read(a.AnswerContent).Entities.Distinct().Select(e => new EntitySpan(e.Label, e.StartOffset, e.EndOffset))])).ToList();
        var single = answers.Count == 1;
        var clusters = single
            ? [.. perWorker[0].Items.Select(e => new ConsolidatedSpan(e, 0, [answers[0].WorkerId]))]
            : _consolidator.Consolidate(perWorker, weights);

        var kept = new List<ConsolidatedSpan>();
        foreach (var span in clusters.OrderByDescending(c => c.Confidence).ThenBy(c => c.Entity.StartOffset))
        {
            if (!kept.Any(k => k.Entity.StartOffset < span.Entity.EndOffset && span.Entity.StartOffset < k.Entity.EndOffset))
            {
                kept.Add(span);
            }
        }

        kept = [.. kept.OrderBy(k => k.Entity.StartOffset).ThenBy(k => k.Entity.EndOffset)];
        var confidences = kept.Select(k => single ? 0.0 : Math.Round(k.Confidence, 2)).ToList();
        var label = new JsonObject
        {
            ["annotations"] = new JsonObject
            {
                ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject
                {
                    ["label"] = l.Label,
                    ["shortDisplayName"] = l.ShortDisplayName ?? l.Label,
                })]),
                ["entities"] = TextSpanAnswer.ToJson(kept.Select(k => new TextEntity(k.Entity.Label, k.Entity.StartOffset, k.Entity.EndOffset))),
            },
        };
        var metadata = new JsonObject
        {
            ["entities"] = new JsonArray([.. confidences.Select(c => (JsonNode)new JsonObject { ["confidence"] = c })]),
        };
        return new WeightedConsolidation(
            new ConsolidatedAnnotation(label, metadata),
            ClusterAgreement.ObjectConfidence(answers.Count, confidences, ShapeConsolidation.EmptyShare(perWorker, weights)),
            ClusterAgreement.Score(perWorker.Select(w => KeyValuePair.Create(w.WorkerId, w.Items.Count)), [.. kept.Select(k => k.WorkerIds)]));
    }
}
