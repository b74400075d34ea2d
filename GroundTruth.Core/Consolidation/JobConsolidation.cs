using System.Globalization;
using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;

namespace GroundTruth.Core.Consolidation;

/// <summary>The outcome of consolidating a whole job at once.</summary>
/// <param name="Labels">One label per object that has answers.</param>
/// <param name="Workers">What the run learned about each worker (empty when the method cannot tell).</param>
public sealed record JobConsolidationResult(IReadOnlyList<ObjectLabel> Labels, IReadOnlyList<WorkerQuality> Workers);

/// <summary>
/// Consolidates every answer of a classification job together, so methods that learn worker reliability across the
/// job (Dawid–Skene and its variants) can be used, and turns the decisions into Ground Truth label values and metadata.
/// </summary>
public static class JobConsolidation
{
    /// <summary>Runs <paramref name="settings"/> over <paramref name="answers"/> (label verification adds the workers' comments as <c>worker-feedback</c>).</summary>
    public static JobConsolidationResult Run(TaskTypeDescriptor type, IReadOnlyList<LabelCategory> labels, IReadOnlyList<ObjectAnswer> answers, ConsolidationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        if (type.WorkerUi is not (WorkerUi.Classification or WorkerUi.LabelVerification))
        {
            throw new NotSupportedException($"Job-wide consolidation is available for classification; {type.DisplayName} consolidates per object.");
        }

        var result = type.IsMultiLabel ? RunMultiLabel(labels, answers, settings) : RunSingleLabel(labels, answers, settings);
        if (type.Review == ReviewKind.Verification)
        {
            var byObject = answers.ToLookup(a => a.ObjectId);
            foreach (var label in result.Labels)
            {
                VerificationAnswer.AddWorkerFeedback(label.Annotation.Metadata, byObject[label.ObjectId].Select(a => a.AnswerContent));
            }
        }

        return result;
    }

    private static JobConsolidationResult RunSingleLabel(IReadOnlyList<LabelCategory> labels, IReadOnlyList<ObjectAnswer> answers, ConsolidationSettings settings)
    {
        var classAnswers = answers
            .Select(a => (a, Chosen: ClassificationAnswer.Read(a.AnswerContent)))
            .Where(x => x.Chosen.Count == 1)
            .Select(x => new ClassAnswer(Key(x.a.ObjectId), x.a.WorkerId, x.Chosen[0]))
            .ToList();
        var options = settings.ToOptions();
        IClassConsolidator consolidator = settings.Method switch
        {
            "mv" => new MajorityVote(new MajorityVoteOptions { LabelCategories = [.. labels.Select(l => l.Label)] }),
            "onecoin" => new OneCoinDawidSkene(options),
            "bcc" => new BayesianClassifierCombination(options),
            _ => new DawidSkene(options),
        };
        var decisions = consolidator.Consolidate(classAnswers);
        var result = new List<ObjectLabel>(decisions.Count);
        foreach (var decision in decisions)
        {
            var index = SingleLabelVote.IndexOf(labels, decision.Label);
            var annotation = new ConsolidatedAnnotation(
                JsonValue.Create(index),
                new JsonObject { ["class-name"] = decision.Label, ["confidence"] = decision.Confidence });
            result.Add(new ObjectLabel(long.Parse(decision.ItemId, CultureInfo.InvariantCulture), annotation, decision.Confidence));
        }

        // Worker quality always comes from Dawid–Skene, whichever method chose the labels, so runs compare.
        var workers = classAnswers.Count == 0 ? [] : new DawidSkene(options).Fit(classAnswers).Workers;
        return new JobConsolidationResult(result, workers);
    }

    private static JobConsolidationResult RunMultiLabel(IReadOnlyList<LabelCategory> labels, IReadOnlyList<ObjectAnswer> answers, ConsolidationSettings settings)
    {
        if (settings.Method == "mv")
        {
            var vote = new MultiLabelVote();
            return new JobConsolidationResult(
                [.. answers.GroupBy(a => a.ObjectId).Select(g =>
                {
                    var annotation = vote.Consolidate(labels, [.. g.Select(a => new WorkerAnswer(a.WorkerId, a.AnswerContent))]);
                    return new ObjectLabel(g.Key, annotation, MinConfidence(annotation.Metadata["confidence-map"]!.AsObject()));
                })],
                []);
        }

        var multi = answers.Select(a => new MultiLabelAnswer(Key(a.ObjectId), a.WorkerId, ClassificationAnswer.Read(a.AnswerContent))).ToList();
        var decisions = new MultiLabelConsolidator(new MultiLabelOptions { Model = settings.ToOptions() }).Consolidate(multi);
        var result = new List<ObjectLabel>(decisions.Count);
        foreach (var decision in decisions)
        {
            var chosen = decision.Labels
                .Select(l => (Index: SingleLabelVote.IndexOf(labels, l.Label), l.Confidence))
                .Where(l => l.Index >= 0)
                .OrderByDescending(l => l.Confidence).ThenBy(l => l.Index)
                .ToList();
            var classMap = new JsonObject();
            var confidenceMap = new JsonObject();
            foreach (var (index, confidence) in chosen)
            {
                classMap[SingleLabelVote.Key(index)] = labels[index].Label;
                confidenceMap[SingleLabelVote.Key(index)] = confidence;
            }

            var annotation = new ConsolidatedAnnotation(
                new JsonArray([.. chosen.Select(c => (JsonNode)JsonValue.Create(c.Index))]),
                new JsonObject { ["class-map"] = classMap, ["confidence-map"] = confidenceMap });
            result.Add(new ObjectLabel(long.Parse(decision.ItemId, CultureInfo.InvariantCulture), annotation, chosen.Count == 0 ? 0 : chosen.Min(c => c.Confidence)));
        }

        return new JobConsolidationResult(result, []);
    }

    private static double MinConfidence(JsonObject confidenceMap) =>
        confidenceMap.Count == 0 ? 0 : confidenceMap.Min(p => p.Value!.GetValue<double>());

    private static string Key(long objectId) => objectId.ToString(CultureInfo.InvariantCulture);
}
