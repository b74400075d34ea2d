using System.Globalization;
using System.Text.Json.Nodes;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Annotations;

/// <summary>
/// Reads and checks image-canvas answers in the crowd elements' output shapes [DG:sms-ui-template-*]:
/// <c>{"boundingBoxes":[{height,label,left,top,width}],"inputImageProperties":{height,width}}</c> (crowd-bounding-box),
/// <c>{"polygons":[{label,vertices:[{x,y}]}]}</c>, <c>{"polylines":[…]}</c> and <c>{"keypoints":[{label,x,y}]}</c>.
/// </summary>
/// <remarks>
/// Coordinates outside the image are <b>rejected, never clamped</b>: the server does not alter what a worker drew, and
/// the canvas already keeps shapes inside the image, so an outside coordinate means a broken or forged client. Half a
/// pixel of slack absorbs the canvas' rounding to 2 decimals.
/// </remarks>
public static class ImageShapeAnswer
{
    /// <summary>Most shapes one answer may hold.</summary>
    public const int MaxShapes = 20_000;

    private const double Slack = 0.5;

    /// <summary>The crowd element's list name for each shape kind.</summary>
    public static string ListName(ShapeKind kind) => kind switch
    {
        ShapeKind.Box => "boundingBoxes",
        ShapeKind.Polygon => "polygons",
        ShapeKind.Polyline => "polylines",
        _ => "keypoints",
    };

    /// <summary>The shape kind a task type's crowd element draws, or <c>null</c> when it is not an image-canvas element.</summary>
    public static ShapeKind? KindOf(TaskTypeDescriptor type) => type.CrowdElement switch
    {
        "crowd-bounding-box" => ShapeKind.Box,
        "crowd-polygon" => ShapeKind.Polygon,
        "crowd-polyline" => ShapeKind.Polyline,
        "crowd-keypoint" => ShapeKind.Keypoint,
        _ => null,
    };

    /// <summary>Reads the image size the worker's canvas reported, if any.</summary>
    public static ImageSize? ReadImageSize(JsonObject element) =>
        element["inputImageProperties"] is JsonObject p && Number(p["width"]) is { } w && Number(p["height"]) is { } h
            ? new ImageSize((int)w, (int)h)
            : null;

    /// <summary>Reads the shapes of an element output; items that are not well-formed are skipped (validation reports them).</summary>
    public static IReadOnlyList<ImageShape> Read(ShapeKind kind, JsonObject element)
    {
        var shapes = new List<ImageShape>();
        if (element[ListName(kind)] is not JsonArray items)
        {
            return shapes;
        }

        foreach (var item in items)
        {
            if (item is JsonObject o && TryRead(kind, o, out var shape, out _))
            {
                shapes.Add(shape);
            }
        }

        return shapes;
    }

    /// <summary>
    /// Checks an element output: the list is present, every label is one of the job's, every box has an area, every
    /// polygon has at least 3 vertices and does not cross itself, every polyline has 2, and every coordinate lies in the image.
    /// </summary>
    /// <param name="kind">The kind of shape the task draws.</param>
    /// <param name="labels">The job's label categories.</param>
    /// <param name="element">The element output (the value under the crowd element's name).</param>
    /// <param name="image">The image size recorded at import; when known, the answer's <c>inputImageProperties</c> must match it.</param>
    /// <returns>The first problem, naming the shape (1-based) and its label, or <c>null</c>.</returns>
    public static string? Validate(ShapeKind kind, IReadOnlyList<LabelCategory> labels, JsonObject element, ImageSize? image)
    {
        var reported = ReadImageSize(element);
        if (reported is null)
        {
            return "The answer must give the image's size in \"inputImageProperties\" ({\"width\", \"height\"}).";
        }

        if (image is { } recorded && recorded != reported)
        {
            return $"The answer was drawn on a {reported.Value.Width} × {reported.Value.Height} image, but this image is {recorded.Width} × {recorded.Height} pixels.";
        }

        var size = image ?? reported.Value;
        var list = ListName(kind);
        if (element[list] is not JsonArray items)
        {
            return $"The answer must list its shapes in \"{list}\".";
        }

        if (items.Count > MaxShapes)
        {
            return $"An answer may hold at most {MaxShapes:N0} shapes; this one has {items.Count:N0}.";
        }

        var known = labels.Select(l => l.Label).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var what = $"{Noun(kind)} {i + 1}";
            if (items[i] is not JsonObject o)
            {
                return $"{what} is not well-formed: expected an object.";
            }

            if (!TryRead(kind, o, out var shape, out var problem))
            {
                return $"{what} is not well-formed: {problem}.";
            }

            what += $" ('{shape.Label}')";
            if (!known.Contains(shape.Label))
            {
                return $"{Noun(kind)} {i + 1}: '{shape.Label}' is not one of this job's labels.";
            }

            foreach (var outside in shape.Vertices.Where(p => p.X < -Slack || p.Y < -Slack || p.X > size.Width + Slack || p.Y > size.Height + Slack))
            {
                return $"{what} has a point at ({Format(outside.X)}, {Format(outside.Y)}), outside the {size.Width} × {size.Height} image.";
            }

            string? shapeProblem = kind switch
            {
                ShapeKind.Box => shape.Vertices[1].X - shape.Vertices[0].X <= 0 || shape.Vertices[1].Y - shape.Vertices[0].Y <= 0
                    ? "has zero area (its width and height must be positive)"
                    : null,
                ShapeKind.Polygon => PolygonProblem(shape.Vertices),
                ShapeKind.Polyline => shape.Vertices.Count < 2 ? $"has {shape.Vertices.Count} vertex; a polyline needs at least 2" : null,
                _ => null,
            };
            if (shapeProblem is not null)
            {
                return $"{what} {shapeProblem}.";
            }
        }

        return null;
    }

    private static string? PolygonProblem(IReadOnlyList<ShapePoint> vertices)
    {
        if (vertices.Count < 3)
        {
            return $"has {vertices.Count} vertices; a polygon needs at least 3";
        }

        if (ShapeGeometry.FindSelfIntersection(vertices) is { } edges)
        {
            return $"crosses itself (edges {edges.First + 1} and {edges.Second + 1} meet)";
        }

        return ShapeGeometry.PolygonArea(vertices) <= 0 ? "has zero area (its vertices are on one line)" : null;
    }

    private static bool TryRead(ShapeKind kind, JsonObject o, out ImageShape shape, out string problem)
    {
        shape = null!;
        if (o["label"] is not JsonValue labelValue || !labelValue.TryGetValue<string>(out var label))
        {
            problem = "a \"label\" string is missing";
            return false;
        }

        switch (kind)
        {
            case ShapeKind.Box:
                if (Number(o["left"]) is not { } left || Number(o["top"]) is not { } top || Number(o["width"]) is not { } width || Number(o["height"]) is not { } height)
                {
                    problem = "\"left\", \"top\", \"width\" and \"height\" must be numbers";
                    return false;
                }

                shape = ImageShape.Box(label, left, top, width, height);
                break;
            case ShapeKind.Keypoint:
                if (Number(o["x"]) is not { } x || Number(o["y"]) is not { } y)
                {
                    problem = "\"x\" and \"y\" must be numbers";
                    return false;
                }

                shape = new ImageShape(kind, label, [new(x, y)]);
                break;
            default:
                if (o["vertices"] is not JsonArray vertices)
                {
                    problem = "\"vertices\" must be a list of {\"x\", \"y\"}";
                    return false;
                }

                var points = new List<ShapePoint>(vertices.Count);
                foreach (var v in vertices)
                {
                    if (v is not JsonObject p || Number(p["x"]) is not { } vx || Number(p["y"]) is not { } vy)
                    {
                        problem = "every vertex needs numeric \"x\" and \"y\"";
                        return false;
                    }

                    points.Add(new ShapePoint(vx, vy));
                }

                shape = new ImageShape(kind, label, points);
                break;
        }

        problem = "";
        return true;
    }

    // Parsed JSON holds numbers as JsonElement (any numeric type reads as double); values built in code keep their CLR type.
    private static double? Number(JsonNode? node)
    {
        if (node is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.Number)
        {
            return null;
        }

        var d = v.TryGetValue<double>(out var x) ? x
            : v.TryGetValue<int>(out var i) ? i
            : v.TryGetValue<long>(out var l) ? l
            : v.TryGetValue<decimal>(out var m) ? (double)m
            : v.TryGetValue<float>(out var f) ? f : double.NaN;
        return double.IsFinite(d) ? d : null;
    }

    private static string Noun(ShapeKind kind) => kind switch
    {
        ShapeKind.Box => "Box",
        ShapeKind.Polygon => "Polygon",
        ShapeKind.Polyline => "Polyline",
        _ => "Keypoint",
    };

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
