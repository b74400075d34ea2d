using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Text;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Reads and checks named-entity answers in <c>crowd-entity-annotation</c>'s output shape [DG:sms-ui-template-crowd-entity-annotation]:
/// <c>{"crowd-entity-annotation":{"entities":[{"label":"person","startOffset":47,"endOffset":54}]}}</c>.
/// Offsets are Unicode code points with an exclusive end, as Ground Truth writes them.
/// </summary>
public static class TextSpanAnswer
{
    /// <summary>The crowd element whose output NER answers use.</summary>
    public const string Element = "crowd-entity-annotation";

    /// <summary>Builds the answer content for <paramref name="entities"/>.</summary>
    public static JsonObject Create(IEnumerable<TextEntity> entities) => new()
    {
        [Element] = new JsonObject { ["entities"] = ToJson(entities) },
    };

    /// <summary>Writes entities as <c>[{"label","startOffset","endOffset"}]</c>.</summary>
    public static JsonArray ToJson(IEnumerable<TextEntity> entities) =>
        new([.. entities.Select(e => (JsonNode)new JsonObject
        {
            ["label"] = e.Label,
            ["startOffset"] = e.StartOffset,
            ["endOffset"] = e.EndOffset,
        })]);

    /// <summary>Reads the entities of an answer.</summary>
    /// <returns>The entities, or the problem with the answer's shape (naming the entity by its 1-based position).</returns>
    public static (IReadOnlyList<TextEntity> Entities, string? Error) Read(JsonObject answerContent)
    {
        ArgumentNullException.ThrowIfNull(answerContent);
        if (answerContent[Element] is not JsonObject inner || inner["entities"] is not JsonArray array)
        {
            return ([], $"The answer must have \"{Element}\": {{\"entities\": [...]}}.");
        }

        return ReadArray(array);
    }

    /// <summary>Reads an entities array, e.g. from pre-annotations or a draft.</summary>
    public static (IReadOnlyList<TextEntity> Entities, string? Error) ReadArray(JsonArray array)
    {
        ArgumentNullException.ThrowIfNull(array);
        var entities = new List<TextEntity>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item
                || item["label"] is not JsonValue labelValue || !labelValue.TryGetValue<string>(out var label))
            {
                return ([], $"Entity {i + 1} needs a \"label\" string.");
            }

            if (!TryInteger(item["startOffset"], out var start) || !TryInteger(item["endOffset"], out var end))
            {
                return ([], $"Entity {i + 1} ('{label}') needs whole-number \"startOffset\" and \"endOffset\".");
            }

            entities.Add(new TextEntity(label, start, end));
        }

        return (entities, null);
    }

    /// <summary>
    /// Checks entities against the job and the text: known labels, <c>0 ≤ startOffset &lt; endOffset ≤</c> the
    /// text's length in code points, no span twice, and no overlapping spans (unless <paramref name="allowNesting"/>,
    /// which allows a span inside another but still refuses crossing ones).
    /// </summary>
    /// <returns>The first problem, worded for the worker, or <c>null</c> when the entities are acceptable.</returns>
    public static string? Validate(IReadOnlyList<LabelCategory> labels, string text, IReadOnlyList<TextEntity> entities, bool allowNesting = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(entities);
        var length = CodePoints.Length(text);
        foreach (var e in entities)
        {
            if (!labels.Any(l => string.Equals(l.Label, e.Label, StringComparison.Ordinal)))
            {
                return $"'{e.Label}' is not one of this job's labels.";
            }

            if (e.StartOffset < 0 || e.EndOffset > length)
            {
                return $"The span {e.StartOffset}–{e.EndOffset} ('{e.Label}') is outside the text, which has {length:N0} characters.";
            }

            if (e.StartOffset >= e.EndOffset)
            {
                return $"The span {e.StartOffset}–{e.EndOffset} ('{e.Label}') is empty: its end must come after its start.";
            }
        }

        var sorted = entities.OrderBy(e => e.StartOffset).ThenByDescending(e => e.EndOffset).ToList();
        var open = new List<TextEntity>();
        foreach (var e in sorted)
        {
            open.RemoveAll(o => o.EndOffset <= e.StartOffset);
            foreach (var o in open)
            {
                if (o.StartOffset == e.StartOffset && o.EndOffset == e.EndOffset)
                {
                    return $"The span {e.StartOffset}–{e.EndOffset} is labeled twice ('{o.Label}' and '{e.Label}').";
                }

                var nested = e.EndOffset <= o.EndOffset;
                if (!allowNesting || !nested)
                {
                    return $"The spans {o.StartOffset}–{o.EndOffset} ('{o.Label}') and {e.StartOffset}–{e.EndOffset} ('{e.Label}') overlap.";
                }
            }

            open.Add(e);
        }

        return null;
    }

    /// <summary>The inline text of a manifest line (its <c>source</c>), or <c>null</c> when it has none.</summary>
    public static string? ReadSource(string manifestLine)
    {
        try
        {
            return JsonNode.Parse(manifestLine) is JsonObject line && line["source"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads pre-annotations for an adjustment job from the manifest line's <paramref name="attribute"/>: either a
    /// previous text-span label (<c>{"annotations":{"entities":[...]}}</c>), <c>{"entities":[...]}</c> or a plain array.
    /// </summary>
    /// <returns>The entities; none when the key is missing or not in one of these shapes.</returns>
    public static IReadOnlyList<TextEntity> ReadPreAnnotations(string manifestLine, string? attribute)
    {
        if (string.IsNullOrEmpty(attribute))
        {
            return [];
        }

        JsonNode? value;
        try
        {
            value = JsonNode.Parse(manifestLine)?[attribute];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return [];
        }

        var array = value switch
        {
            JsonArray a => a,
            JsonObject { } o when o["annotations"] is JsonObject annotations => annotations["entities"] as JsonArray,
            JsonObject { } o => o["entities"] as JsonArray,
            _ => null,
        };
        if (array is null)
        {
            return [];
        }

        // Keep the well-formed entries; the worker's tool refuses (and reports) the ones that do not fit the text.
        return [.. array.Select(item => item is JsonObject ? ReadArray([item.DeepClone()]).Entities : []).SelectMany(e => e)];
    }

    private static bool TryInteger(JsonNode? node, out int value)
    {
        value = 0;
        if (node is not JsonValue v)
        {
            return false;
        }

        if (v.TryGetValue<int>(out value))
        {
            return true;
        }

        // A JSON number such as 5.0 is still a whole number; 5.5 or "5" is not.
        if (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }

        return false;
    }
}
