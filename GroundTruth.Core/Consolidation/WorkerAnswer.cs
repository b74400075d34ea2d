using System.Text.Json.Nodes;

namespace GroundTruth.Core.Consolidation;

/// <summary>One worker's submitted answer for one data object.</summary>
/// <param name="WorkerId">Who answered.</param>
/// <param name="AnswerContent">The crowd-form output object, e.g. <c>{"crowd-image-classifier":{"label":"cat"}}</c>.</param>
public sealed record WorkerAnswer(string WorkerId, JsonObject AnswerContent);
