using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Multi-label classification as Ground Truth documents it [DG:sms-data-output, multi-label]: the value is every
/// label chosen by at least one worker, <c>class-map</c> lists only those, and <c>confidence-map</c> gives each the
/// share of workers who chose it (0.00 for every label when only one worker answered). Labels are ordered by
/// that share, then by their position in the job's label categories.
/// </summary>
public sealed class MultiLabelVote : IAnnotationConsolidator
{
    /// <inheritdoc />
    public string Name => "multi-label-vote";

    /// <inheritdoc />
    public ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var votes = new int[labels.Count];
        foreach (var answer in answers)
        {
            foreach (var label in ClassificationAnswer.Read(answer.AnswerContent).Distinct(StringComparer.Ordinal))
            {
                var index = SingleLabelVote.IndexOf(labels, label);
                if (index >= 0)
                {
                    votes[index]++;
                }
            }
        }

        var chosen = Enumerable.Range(0, labels.Count)
            .Where(i => votes[i] > 0)
            .OrderByDescending(i => votes[i])
            .ThenBy(i => i)
            .ToList();
        var classMap = new JsonObject();
        var confidenceMap = new JsonObject();
        foreach (var i in chosen)
        {
            classMap[SingleLabelVote.Key(i)] = labels[i].Label;
            confidenceMap[SingleLabelVote.Key(i)] = answers.Count == 1 ? 0.0 : Math.Round((double)votes[i] / answers.Count, 2);
        }

        return new ConsolidatedAnnotation(
            new JsonArray([.. chosen.Select(i => (JsonNode)JsonValue.Create(i))]),
            new JsonObject { ["class-map"] = classMap, ["confidence-map"] = confidenceMap });
    }
}
