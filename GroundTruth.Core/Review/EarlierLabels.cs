using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Review;

/// <summary>
/// Reads the labels an earlier job wrote into a manifest line, for the verification and adjustment jobs chained on
/// its output manifest [DG:sms-verification-data]: bounding boxes as <c>groundtruth/object-detection</c>
/// (<c>{"image_size":[…],"annotations":[{class_id,top,left,height,width}]}</c>, class names from
/// <c>&lt;attr&gt;-metadata.class-map</c>), polygons as a custom task's
/// <c>{"annotatedResult":{"inputImageProperties",…,"polygons":[{label,vertices}]}}</c> (or the bare element output).
/// The shapes come back in the crowd element's output shape, which is also its <c>initial-value</c> form.
/// </summary>
public static class EarlierLabels
{
    /// <summary>
    /// Reads and checks the earlier labels under <paramref name="attribute"/>: the key is present, the value is in the
    /// format of <paramref name="kind"/>, every <c>class_id</c> is in the class map, and the shapes pass the same
    /// checks as a worker's answer (<see cref="ImageShapeAnswer.Validate"/>) against the image and, for adjustment
    /// jobs, against the job's labels.
    /// </summary>
    /// <param name="manifestLine">The input manifest line (JSON).</param>
    /// <param name="attribute">The earlier job's label attribute name.</param>
    /// <param name="kind">The kind of shape the earlier job drew.</param>
    /// <param name="labels">The labels the shapes must use, or <c>null</c> to accept any (verification).</param>
    /// <param name="image">The image's size recorded at import; the shapes' image size must match it.</param>
    /// <returns>The crowd element output (e.g. <c>{"boundingBoxes":[…],"inputImageProperties":{…}}</c>), or the problem.</returns>
    public static (JsonObject? Element, string? Problem) Read(string manifestLine, string attribute, ShapeKind kind, IReadOnlyList<LabelCategory>? labels, ImageSize? image)
    {
        JsonObject? line;
        try
        {
            line = JsonNode.Parse(manifestLine) as JsonObject;
        }
        catch (JsonException)
        {
            line = null;
        }

        if (line?[attribute] is not { } value)
        {
            return (null, $"The line has no \"{attribute}\" with the earlier labels to review.");
        }

        var (element, problem) = kind == ShapeKind.Box
            ? FromObjectDetection(value, line[attribute + "-metadata"])
            : FromCustom(value, kind);
        if (element is null)
        {
            return (null, $"The earlier labels in \"{attribute}\" are malformed: {problem}");
        }

        if (element["inputImageProperties"] is null && image is { } size)
        {
            element["inputImageProperties"] = new JsonObject { ["height"] = size.Height, ["width"] = size.Width };
        }

        var allowed = labels ?? [.. ImageShapeAnswer.Read(kind, element).Select(s => s.Label).Distinct(StringComparer.Ordinal).Select(l => new LabelCategory(l))];
        problem = ImageShapeAnswer.Validate(kind, allowed, element, image);
        return problem is null ? (element, null) : (null, $"The earlier labels in \"{attribute}\" cannot be used: {problem}");
    }

    /// <summary>
    /// The shapes of one consolidated label as the output manifest holds it (value and <c>-metadata</c>), for showing
    /// them: boxes named through the class map, polygons, polylines or keypoints from a custom task's
    /// <c>annotatedResult</c>. Malformed values and items yield nothing rather than an error.
    /// </summary>
    /// <param name="value">The label value.</param>
    /// <param name="metadata">The label's <c>-metadata</c> object (boxes need its <c>class-map</c>).</param>
    /// <param name="kind">The kind of shape the job drew.</param>
    public static IReadOnlyList<ImageShape> Shapes(JsonNode value, JsonObject? metadata, ShapeKind kind)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (element, _) = kind == ShapeKind.Box ? FromObjectDetection(value, metadata) : FromCustom(value, kind);
        return element is null ? [] : ImageShapeAnswer.Read(kind, element);
    }

    /// <summary>
    /// Finds the label attributes of <paramref name="kind"/> in manifest lines (a few first lines of an uploaded
    /// output manifest, for the job form): keys whose <c>-metadata</c> has the matching <c>type</c>, with the class
    /// names they use, in first-seen order.
    /// </summary>
    public static IReadOnlyList<EarlierLabelKey> Find(IEnumerable<string> manifestLines, ShapeKind kind)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var text in manifestLines)
        {
            JsonObject? line;
            try
            {
                line = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                continue;
            }

            foreach (var (key, node) in line ?? [])
            {
                if (!key.EndsWith("-metadata", StringComparison.Ordinal) || node is not JsonObject metadata
                    || line![key[..^"-metadata".Length]] is not { } value)
                {
                    continue;
                }

                var type = metadata["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s.ToLowerInvariant() : null;
                var element = (kind, type) switch
                {
                    (ShapeKind.Box, "groundtruth/object-detection") => FromObjectDetection(value, metadata).Element,
                    (not ShapeKind.Box, "groundtruth/custom") => FromCustom(value, kind).Element,
                    _ => null,
                };
                if (element is null)
                {
                    continue;
                }

                var attribute = key[..^"-metadata".Length];
                if (!found.TryGetValue(attribute, out var classes))
                {
                    found[attribute] = classes = [];
                    order.Add(attribute);
                }

                foreach (var name in ClassNames(kind, element, metadata).Where(n => !classes.Contains(n)))
                {
                    classes.Add(name);
                }
            }
        }

        return [.. order.Select(a => new EarlierLabelKey(a, found[a]))];
    }

    private static IEnumerable<string> ClassNames(ShapeKind kind, JsonObject element, JsonObject metadata)
    {
        // A class map lists classes in index order, which is the order the earlier job defined its labels in.
        if (metadata["class-map"] is JsonObject map)
        {
            return map.Select(p => (Index: int.TryParse(p.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue, Name: p.Value?.ToString()))
                .Where(p => p.Name is not null).OrderBy(p => p.Index).Select(p => p.Name!);
        }

        return ImageShapeAnswer.Read(kind, element).Select(s => s.Label).Distinct(StringComparer.Ordinal);
    }

    private static (JsonObject? Element, string? Problem) FromObjectDetection(JsonNode value, JsonNode? metadata)
    {
        if (value is not JsonObject label || label["annotations"] is not JsonArray annotations)
        {
            return (null, "expected an object-detection label {\"image_size\": […], \"annotations\": […]}.");
        }

        if (metadata?["class-map"] is not JsonObject classMap)
        {
            return (null, "its \"-metadata\" has no \"class-map\" naming the classes.");
        }

        var boxes = new JsonArray();
        for (var i = 0; i < annotations.Count; i++)
        {
            if (annotations[i] is not JsonObject a)
            {
                return (null, $"annotation {i + 1} is not an object.");
            }

            // Real output writes class_id as a number, the developer guide sometimes as a string: accept both.
            var classId = a["class_id"] switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) => n.ToString(CultureInfo.InvariantCulture),
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                _ => null,
            };
            if (classId is null)
            {
                return (null, $"annotation {i + 1} has no integer \"class_id\".");
            }

            if (classMap[classId] is not JsonValue name || !name.TryGetValue<string>(out var className))
            {
                return (null, $"annotation {i + 1} has class_id {classId}, which the class-map does not name.");
            }

            boxes.Add(new JsonObject
            {
                ["height"] = a["height"]?.DeepClone(),
                ["label"] = className,
                ["left"] = a["left"]?.DeepClone(),
                ["top"] = a["top"]?.DeepClone(),
                ["width"] = a["width"]?.DeepClone(),
            });
        }

        var element = new JsonObject { ["boundingBoxes"] = boxes };
        if (label["image_size"] is JsonArray { Count: > 0 } sizes && sizes[0] is JsonObject size && size["width"] is not null && size["height"] is not null)
        {
            element["inputImageProperties"] = new JsonObject { ["height"] = size["height"]!.DeepClone(), ["width"] = size["width"]!.DeepClone() };
        }

        return (element, null);
    }

    private static (JsonObject? Element, string? Problem) FromCustom(JsonNode value, ShapeKind kind)
    {
        var list = ImageShapeAnswer.ListName(kind);
        var result = value is JsonObject o && o["annotatedResult"] is JsonObject inner ? inner : value as JsonObject;
        if (result?[list] is not JsonArray)
        {
            return (null, $"expected {{\"annotatedResult\": {{\"{list}\": […]}}}}.");
        }

        return ((JsonObject)result.DeepClone(), null);
    }
}
