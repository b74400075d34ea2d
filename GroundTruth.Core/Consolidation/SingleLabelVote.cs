using System.Globalization;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Single-label classification by majority vote. The label chosen by most workers wins; a tie goes to the label
/// listed first in the job's label categories, so re-running gives the same result. Confidence is the share of
/// workers who agree with the winner, and 0.00 when only one worker answered, as Ground Truth reports
/// [DG:sms-data-output#sms-output-metadata].
/// </summary>
public sealed class SingleLabelVote : IAnnotationConsolidator
{
    /// <inheritdoc />
    public string Name => "majority-vote";

    /// <inheritdoc />
    public ConsolidatedAnnotation Consolidate(IReadOnlyList<LabelCategory> labels, IReadOnlyList<WorkerAnswer> answers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(answers.Count);
        var votes = new int[labels.Count];
        foreach (var answer in answers)
        {
            var chosen = ClassificationAnswer.Read(answer.AnswerContent);
            var index = chosen.Count == 1 ? IndexOf(labels, chosen[0]) : -1;
            if (index >= 0)
            {
                votes[index]++;
            }
        }

        var winner = 0;
        for (var i = 1; i < votes.Length; i++)
        {
            if (votes[i] > votes[winner])
            {
                winner = i;
            }
        }

        var confidence = answers.Count == 1 ? 0.0 : Math.Round((double)votes[winner] / answers.Count, 2);
        return new ConsolidatedAnnotation(
            JsonValue.Create(winner),
            new JsonObject { ["class-name"] = labels[winner].Label, ["confidence"] = confidence });
    }

    internal static int IndexOf(IReadOnlyList<LabelCategory> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.Equals(labels[i].Label, label, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    internal static string Key(int index) => index.ToString(CultureInfo.InvariantCulture);
}
