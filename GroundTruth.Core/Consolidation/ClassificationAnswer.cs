using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Reads and writes classification answers in the crowd elements' output shapes [DG:sms-ui-template-*]:
/// <c>{"crowd-image-classifier":{"label":"cat"}}</c> for one label, <c>{"crowd-image-classifier-multi-select":{"labels":["a","b"]}}</c> for several.
/// </summary>
public static class ClassificationAnswer
{
    /// <summary>Builds the answer content a worker's choice produces.</summary>
    public static JsonObject Create(TaskTypeDescriptor type, IReadOnlyList<string> chosen)
    {
        JsonObject inner = type.IsMultiLabel
            ? new JsonObject { ["labels"] = new JsonArray([.. chosen.Select(l => (JsonNode)JsonValue.Create(l))]) }
            : new JsonObject { ["label"] = chosen.Single() };
        return new JsonObject { [type.CrowdElement] = inner };
    }

    /// <summary>Validates a worker's choice against the job: known labels, one for single-label, no repeats.</summary>
    /// <returns>The problem, or <c>null</c> when the choice is valid.</returns>
    public static string? Validate(TaskTypeDescriptor type, IReadOnlyList<LabelCategory> labels, IReadOnlyList<string> chosen)
    {
        if (!type.IsMultiLabel && chosen.Count != 1)
        {
            return "Choose exactly one label.";
        }

        var unknown = chosen.FirstOrDefault(c => !labels.Any(l => l.Label == c));
        if (unknown is not null)
        {
            return $"'{unknown}' is not one of this job's labels.";
        }

        return chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Count ? "A label was chosen twice." : null;
    }

    /// <summary>Reads the labels chosen in an answer; an answer in another shape yields no labels.</summary>
    public static IReadOnlyList<string> Read(JsonObject answerContent)
    {
        foreach (var (_, value) in answerContent)
        {
            if (value is not JsonObject inner)
            {
                continue;
            }

            if (inner["label"] is JsonValue single && single.TryGetValue<string>(out var label))
            {
                return [label];
            }

            if (inner["labels"] is JsonArray many)
            {
                return [.. many.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()];
            }
        }

        return [];
    }
}
