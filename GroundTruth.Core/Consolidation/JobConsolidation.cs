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
    /// <summary>Mean agreement below which a shape or entity worker is flagged as a likely spammer.</summary>
    public const double SpammerAgreement = 0.2;

    /// <summary>Answers a worker needs before they can be flagged.</summary>
    public const int SpammerMinAnswers = 3;

    /// <summary>Runs <paramref name="settings"/> over <paramref name="answers"/> (label verification adds the workers' comments as <c>worker-feedback</c>).</summary>
    public static JobConsolidationResult Run(TaskTypeDescriptor type, IReadOnlyList<LabelCategory> labels, IReadOnlyList<ObjectAnswer> answers, ConsolidationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        if (type.WorkerUi is not (WorkerUi.Classification or WorkerUi.LabelVerification))
        {
            return Consolidators.For(type.Type) is IWeightedAnnotationConsolidator weighted
                ? RunWeighted(weighted, labels, answers, settings)
                : throw new NotSupportedException($"Job-wide consolidation is not available for {type.DisplayName}.");
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

    /// <summary>
    /// Shapes and entities: every object is consolidated with the current worker weights, each worker is scored by
    /// their mean agreement with the consensus over the objects they answered (<see cref="ClusterAgreement"/>), and the
    /// scores become the next weights — a hard-EM alternation in the spirit of Dawid &amp; Skene, as
    /// <see cref="Geometry.BoxReliability"/> does for boxes — until no weight moves by more than 0.001 or
    /// <see cref="ConsolidationSettings.MaxIterations"/> rounds (at most 20) have run. <c>equal</c> runs one round
    /// with every weight 1. A worker whose mean agreement is below <see cref="SpammerAgreement"/> over at least
    /// <see cref="SpammerMinAnswers"/> answers is flagged.
    /// </summary>
    private static JobConsolidationResult RunWeighted(IWeightedAnnotationConsolidator consolidator, IReadOnlyList<LabelCategory> labels, IReadOnlyList<ObjectAnswer> answers, ConsolidationSettings settings)
    {
        var objects = answers.GroupBy(a => a.ObjectId)
            .Select(g => (Id: g.Key, Answers: (IReadOnlyList<WorkerAnswer>)[.. g.Select(a => new WorkerAnswer(a.WorkerId, a.AnswerContent))]))
            .ToList();
        Dictionary<string, double>? weights = null;
        var rounds = settings.Method == "equal" ? 1 : Math.Clamp(settings.MaxIterations, 1, 20);
        WeightedConsolidation[] results = [];
        Dictionary<string, (double Sum, int Count)> scores = [];
        for (var round = 0; round < rounds; round++)
        {
            var current = weights;
            results = new WeightedConsolidation[objects.Count];
            Parallel.For(0, objects.Count, i => results[i] = consolidator.Consolidate(labels, objects[i].Answers, current));
            scores = new Dictionary<string, (double Sum, int Count)>(StringComparer.Ordinal);
            foreach (var result in results)
            {
                foreach (var (worker, agreement) in result.Agreement)
                {
                    var (sum, count) = scores.GetValueOrDefault(worker);
                    scores[worker] = (sum + agreement, count + 1);
                }
            }

            var next = scores.ToDictionary(s => s.Key, s => Math.Max(Geometry.BoxReliability.MinWeight, s.Value.Sum / s.Value.Count), StringComparer.Ordinal);
            var moved = weights is null ? double.PositiveInfinity : next.Max(p => Math.Abs(p.Value - weights.GetValueOrDefault(p.Key, 1)));
            weights = next;
            if (moved < 1e-3)
            {
                break;
            }
        }

        var labelsOut = objects.Select((o, i) => new ObjectLabel(o.Id, results[i].Annotation, results[i].Confidence)).ToList();
        var workers = scores.Select(s =>
        {
            var agreement = s.Value.Sum / s.Value.Count;
            return new WorkerQuality(s.Key, agreement, s.Value.Count, agreement, s.Value.Count >= SpammerMinAnswers && agreement < SpammerAgreement);
        }).OrderBy(w => w.WorkerId, StringComparer.Ordinal).ToList();
        return new JobConsolidationResult(labelsOut, workers);
    }

    private static double MinConfidence(JsonObject confidenceMap) =>
        confidenceMap.Count == 0 ? 0 : confidenceMap.Min(p => p.Value!.GetValue<double>());

    private static string Key(long objectId) => objectId.ToString(CultureInfo.InvariantCulture);
}
