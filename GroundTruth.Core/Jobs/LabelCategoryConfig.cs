using System.Text.Json;
using GroundTruth.Core.Validation;

namespace GroundTruth.Core.Jobs;

/// <summary>
/// A Ground Truth label category configuration file (<c>LabelCategoryConfigS3Uri</c>):
/// <c>{"document-version":"2018-11-28","labels":[{"label":"cat"}],"instructions":{…}}</c>.
/// </summary>
/// <param name="Labels">The label categories, in file order.</param>
/// <param name="ShortInstruction">The optional <c>instructions.shortInstruction</c> (HTML).</param>
/// <param name="FullInstruction">The optional <c>instructions.fullInstruction</c> (HTML).</param>
public sealed record LabelCategoryConfig(IReadOnlyList<LabelCategory> Labels, string? ShortInstruction, string? FullInstruction)
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>
    /// Parses a label category configuration, accepting the spellings found across AWS material
    /// (<c>document-version</c> or <c>documentVersion</c>, trailing commas), and validates every label.
    /// </summary>
    /// <returns>The configuration, or every problem found, each naming the JSON line or the label's index.</returns>
    public static (LabelCategoryConfig? Config, IReadOnlyList<FieldError> Errors) Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Lenient);
        }
        catch (JsonException ex)
        {
            return (null, [new("labelCategoryConfig", $"Not valid JSON at line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}.")]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new("labelCategoryConfig", "The file must hold one JSON object with a \"labels\" array.")]);
            }

            if (!root.TryGetProperty("labels", out var labelsElement) || labelsElement.ValueKind != JsonValueKind.Array)
            {
                return (null, [new("labels", "The file has no \"labels\" array.")]);
            }

            var errors = new List<FieldError>();
            var labels = new List<LabelCategory>();
            var fileIndices = new List<int>();
            var index = 0;
            foreach (var item in labelsElement.EnumerateArray())
            {
                var field = $"labels[{index++}]";
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("label", out var labelElement)
                    || labelElement.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new(field, "Each entry must be an object with a string \"label\"."));
                    continue;
                }

                var shortName = item.TryGetProperty("shortDisplayName", out var s) && s.ValueKind == JsonValueKind.String
                    ? s.GetString()
                    : null;
                labels.Add(new LabelCategory(labelElement.GetString()!, shortName));
                fileIndices.Add(index - 1);
            }

            // Report each problem at the label's index in the file, even when malformed entries were skipped.
            errors.AddRange(ValidateLabels([.. labels.Select(l => l.Label)])
                .Select(e => e with { Field = $"labels[{fileIndices[int.Parse(e.Field[7..^1], System.Globalization.CultureInfo.InvariantCulture)]}]" }));
            string? shortInstruction = null, fullInstruction = null;
            if (root.TryGetProperty("instructions", out var instructions) && instructions.ValueKind == JsonValueKind.Object)
            {
                shortInstruction = ReadString(instructions, "shortInstruction") ?? ReadString(instructions, "shortIntroduction");
                fullInstruction = ReadString(instructions, "fullInstruction") ?? ReadString(instructions, "fullIntroduction");
            }

            return errors.Count > 0 ? (null, errors) : (new LabelCategoryConfig(labels, shortInstruction, fullInstruction), errors);
        }
    }

    /// <summary>Checks a list of label names: each valid by <see cref="JobNaming.ValidateLabel"/>, and no duplicates.</summary>
    public static IReadOnlyList<FieldError> ValidateLabels(IReadOnlyList<string> labels)
    {
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var problem = JobNaming.ValidateLabel(labels[i]);
            if (problem is not null)
            {
                errors.Add(new($"labels[{i}]", problem));
            }
            else if (!seen.Add(labels[i]))
            {
                errors.Add(new($"labels[{i}]", $"Label '{labels[i]}' appears more than once."));
            }
        }

        return errors;
    }

    /// <summary>Writes the configuration in Ground Truth's canonical form.</summary>
    public string ToJson()
    {
        var labels = Labels.Select(l => l.ShortDisplayName is null
            ? (object)new Dictionary<string, string> { ["label"] = l.Label }
            : new Dictionary<string, string> { ["label"] = l.Label, ["shortDisplayName"] = l.ShortDisplayName });
        var document = new Dictionary<string, object> { ["document-version"] = "2018-11-28", ["labels"] = labels };
        if (ShortInstruction is not null || FullInstruction is not null)
        {
            document["instructions"] = new Dictionary<string, string?>
            {
                ["shortInstruction"] = ShortInstruction,
                ["fullInstruction"] = FullInstruction,
            };
        }

        return JsonSerializer.Serialize(document);
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
