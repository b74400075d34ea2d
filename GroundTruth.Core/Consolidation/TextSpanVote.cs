using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Named-entity consolidation by exact-match vote. A span — the same <c>startOffset</c>, <c>endOffset</c> and label —
/// is kept when more than half of the workers chose it; its confidence is the share of workers who did. With one
/// worker every span is kept with confidence 0.00, as Ground Truth reports for a single worker
/// [DG:sms-data-output#sms-output-metadata]. Because no worker's answer has overlapping spans, two kept spans were
/// both chosen by some worker, so the result has no overlaps either. Partial agreement (same words, different
/// boundaries) earns nothing; a boundary-tolerant vote can replace this without changing the output shape.
/// </summary>
/// <remarks>
/// The label value is <c>{"annotations":{"labels":[{"label","shortDisplayName"}],"entities":[…]}}</c> with every job
/// label and the kept entities ordered by <c>startOffset</c>; the metadata holds one <c>entities[].confidence</c> per
/// kept entity in the same order, as Ground Truth's <c>groundtruth/text-span</c> output.
/// </remarks>
public sealed class TextSpanVote : IAnnotationConsolidator
{
    /// <inheritdoc />
    public string Name => "span-exact-match-vote";

    /// <inheritdoc />
    public ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var votes = new Dictionary<TextEntity, int>();
        foreach (var answer in answers)
        {
            foreach (var entity in TextSpanAnswer.Read(answer.AnswerContent).Entities.Distinct())
            {
                votes[entity] = votes.GetValueOrDefault(entity) + 1;
            }
        }

        var single = answers.Count == 1;
        var kept = votes
            .Where(v => single || v.Value * 2 > answers.Count)
            .OrderBy(v => v.Key.StartOffset).ThenBy(v => v.Key.EndOffset).ThenBy(v => LabelIndex(labels, v.Key.Label))
            .ToList();

        var label = new JsonObject
        {
            ["annotations"] = new JsonObject
            {
                ["labels"] = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject
                {
                    ["label"] = l.Label,
                    ["shortDisplayName"] = l.ShortDisplayName ?? l.Label,
                })]),
                ["entities"] = TextSpanAnswer.ToJson(kept.Select(k => k.Key)),
            },
        };
        var metadata = new JsonObject
        {
            ["entities"] = new JsonArray([.. kept.Select(k => (JsonNode)new JsonObject
            {
                ["confidence"] = single ? 0.0 : Math.Round((double)k.Value / answers.Count, 2),
            })]),
        };
        return new ConsolidatedAnnotation(label, metadata);
    }

    private static int LabelIndex(IReadOnlyList<LabelCategory> labels, string label)
    {
        var index = SingleLabelVote.IndexOf(labels, label);
        return index < 0 ? int.MaxValue : index;
    }
}
