using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Review;

namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Reads a consolidated object's <c>&lt;attr&gt;-metadata</c> for display: its class names, a short text and one
/// confidence, whatever the task type.
/// </summary>
public static class LabelSummary
{
    /// <summary>The class names: <c>class-name</c> (single label) or the values of <c>class-map</c> (multi-label, boxes).</summary>
    /// <param name="metadata">The label metadata.</param>
    public static IReadOnlySet<string> ClassNames(JsonObject metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata["class-name"] is JsonValue name)
        {
            return new HashSet<string>([name.GetValue<string>()], StringComparer.Ordinal);
        }

        return metadata["class-map"] is JsonObject map
            ? new HashSet<string>(map.Select(p => p.Value!.GetValue<string>()), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>A short text: the class names, "segmentation mask", how many annotations (shapes, entities) there are, or "(none)".</summary>
    /// <param name="metadata">The label metadata.</param>
    public static string Text(JsonObject metadata)
    {
        var names = ClassNames(metadata);
        if (names.Count > 0)
        {
            return string.Join(", ", names.Order(StringComparer.Ordinal));
        }

        if (metadata["internal-color-map"] is JsonObject)
        {
            return "segmentation mask";
        }

        return (metadata["objects"] ?? metadata["entities"]) is JsonArray items
            ? items.Count == 1 ? "1 annotation" : $"{items.Count} annotations"
            : "(none)";
    }

    /// <summary>
    /// A short text for a label whose value holds shapes (boxes, polygons, polylines, keypoints): what was drawn, most
    /// frequent label first (<c>"2 × car, 1 × person"</c>), or <c>"(no shapes)"</c>; for other labels <see cref="Text(JsonObject)"/>.
    /// </summary>
    /// <param name="value">The label value.</param>
    /// <param name="metadata">The label metadata.</param>
    /// <param name="kind">The kind of shape the job draws, or <c>null</c> when it draws none.</param>
    public static string Text(JsonNode? value, JsonObject metadata, ShapeKind? kind)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (kind is not { } shapeKind || value is null)
        {
            return Text(metadata);
        }

        var shapes = EarlierLabels.Shapes(value, metadata, shapeKind);
        return ShapeCounts(shapes);
    }

    /// <summary>What the shapes are, most frequent label first: <c>"2 × car, 1 × person"</c>, or <c>"(no shapes)"</c>.</summary>
    /// <param name="shapes">The shapes.</param>
    public static string ShapeCounts(IReadOnlyList<ImageShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return shapes.Count == 0
            ? "(no shapes)"
            : string.Join(", ", shapes.GroupBy(s => s.Label, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Count()} × {g.Key}"));
    }

    /// <summary>
    /// One confidence: <c>confidence</c> when present; for segmentation the image's confidence, which
    /// <c>internal-color-map</c> repeats for every class; the lowest of <c>confidence-map</c>; the lowest per-item
    /// confidence of <c>objects</c> or <c>entities</c> (1 when there are none); otherwise <c>null</c>.
    /// </summary>
    /// <param name="metadata">The label metadata.</param>
    public static double? Confidence(JsonObject metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata["confidence"] is JsonValue c)
        {
            return c.GetValue<double>();
        }

        if (metadata["internal-color-map"] is JsonObject colors && colors["0"]?["confidence"] is JsonValue image)
        {
            return image.GetValue<double>();
        }

        if (metadata["confidence-map"] is JsonObject map)
        {
            return map.Count > 0 ? map.Min(p => p.Value!.GetValue<double>()) : 0;
        }

        if ((metadata["objects"] ?? metadata["entities"]) is JsonArray items)
        {
            return items.Count == 0 ? 1 : items.Min(i => i?["confidence"]?.GetValue<double>() ?? 0);
        }

        return null;
    }
}
