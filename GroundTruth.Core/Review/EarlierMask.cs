using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;

namespace GroundTruth.Core.Review;

/// <summary>
/// Reads the mask an earlier semantic-segmentation job wrote into a manifest line, for the verification and adjustment
/// jobs chained on its output manifest (Ground Truth's <c>VerificationSemanticSegmentation</c> and
/// <c>AdjustmentSemanticSegmentation</c> [DG:sms-verification-data]): <c>&lt;attr&gt;-ref</c> names a palette PNG
/// (pixel value = class index) and <c>&lt;attr&gt;-ref-metadata.internal-color-map</c> names each index's class and colour.
/// </summary>
/// <remarks>
/// Classes are matched to the job's labels by name, never by index: an adjustment job may add labels, or list the
/// earlier ones in another order, and its own masks use its own indices (<see cref="SegmentationMask"/>).
/// </remarks>
public static class EarlierMask
{
    /// <summary>The output type of the jobs whose masks can be reviewed.</summary>
    public const string OutputType = "groundtruth/semantic-segmentation";

    /// <summary>The metadata key naming the mask's classes.</summary>
    public const string ColorMapKey = "internal-color-map";

    /// <summary>The largest earlier mask read, in pixels (Ground Truth's 100-megapixel image limit).</summary>
    public const long MaxPixels = 100_000_000;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// Reads the mask reference and its classes under <paramref name="attribute"/>: the value is a non-empty string
    /// (a store key or URI, like <c>source-ref</c>), and <c>-metadata</c> has an <c>internal-color-map</c> whose keys
    /// are class indices 0–255 with a <c>class-name</c> each.
    /// </summary>
    /// <param name="manifestLine">The input manifest line (JSON).</param>
    /// <param name="attribute">The earlier job's label attribute, ending in <c>-ref</c>.</param>
    /// <returns>The reference and classes, or the problem naming the field.</returns>
    public static (EarlierMaskRef? Mask, string? Problem) Read(string manifestLine, string attribute)
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

        if (line?[attribute] is not JsonValue value || !value.TryGetValue<string>(out var reference) || string.IsNullOrWhiteSpace(reference))
        {
            return (null, line?[attribute] is null
                ? $"The line has no \"{attribute}\" with the earlier mask to review."
                : $"\"{attribute}\" must be a string naming the earlier mask's PNG file.");
        }

        var metadataKey = attribute + "-metadata";
        if (line[metadataKey]?[ColorMapKey] is not JsonObject map)
        {
            return (null, $"\"{metadataKey}\" has no \"{ColorMapKey}\" naming the earlier mask's classes.");
        }

        var (classes, problem) = ReadColorMap(map);
        return classes is null
            ? (null, $"\"{metadataKey}\".{ColorMapKey} {problem}")
            : (new EarlierMaskRef(reference, classes), null);
    }

    /// <summary>
    /// Decodes and checks the earlier mask file: an 8-bit palette PNG of the image's size whose every pixel value is
    /// a class index of the <c>internal-color-map</c>.
    /// </summary>
    /// <param name="png">The file.</param>
    /// <param name="image">The image's size recorded at import.</param>
    /// <param name="earlier">The reference and classes from <see cref="Read"/>.</param>
    /// <param name="attribute">The attribute, for the messages.</param>
    /// <returns>The mask in the earlier job's indices, or the problem.</returns>
    public static (LabelMask? Mask, string? Problem) Check(ReadOnlySpan<byte> png, ImageSize image, EarlierMaskRef earlier, string attribute)
    {
        ArgumentNullException.ThrowIfNull(earlier);

        // The size comes from the header, before anything is inflated: a small file declaring a huge image is refused
        // without decompressing it.
        if (PalettePng.DeclaredSize(png) is { } declared && (declared.Width != image.Width || declared.Height != image.Height))
        {
            return (null, $"The earlier mask '{earlier.Reference}' in \"{attribute}\" is {declared.Width} × {declared.Height} pixels but the image is {image.Width} × {image.Height}.");
        }

        var decoded = PalettePng.Decode(png, MaxPixels, image);
        if (decoded.Problem is not null)
        {
            return (null, $"The earlier mask '{earlier.Reference}' in \"{attribute}\" cannot be used: {decoded.Problem}");
        }

        Span<bool> known = stackalloc bool[256];
        foreach (var c in earlier.Classes)
        {
            known[c.Index] = true;
        }

        var pixels = decoded.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            if (!known[pixels[i]])
            {
                return (null, $"The earlier mask '{earlier.Reference}' in \"{attribute}\" has class index {pixels[i]} at pixel ({i % decoded.Width}, {i / decoded.Width}), which \"{attribute}-metadata\".{ColorMapKey} does not name.");
            }
        }

        return (new LabelMask(pixels, decoded.Width, decoded.Height), null);
    }

    /// <summary>
    /// Maps the earlier class indices to the indices of <paramref name="targetNames"/> by name: the background (index 0,
    /// or the class named <c>BACKGROUND</c>) stays 0, and the class named <c>targetNames[i]</c> becomes <c>i + 1</c>.
    /// </summary>
    /// <param name="earlier">The earlier mask's classes.</param>
    /// <param name="targetNames">The labels of the new indices, in order (the job's labels for adjustment).</param>
    /// <param name="attribute">The attribute, for the message.</param>
    /// <returns>A 256-entry lookup table from earlier to new index, or the problem naming the first missing class.</returns>
    public static (byte[]? Map, string? Problem) IndexMap(EarlierMaskRef earlier, IReadOnlyList<string> targetNames, string attribute)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(targetNames);
        var map = new byte[256];
        foreach (var c in earlier.Classes)
        {
            if (c.IsBackground)
            {
                continue;
            }

            var index = IndexOf(targetNames, c.Name);
            if (index < 0)
            {
                return (null, $"The earlier mask's class '{c.Name}' (index {c.Index} in \"{attribute}-metadata\".{ColorMapKey}) is not one of this job's labels; add it to the labels.");
            }

            map[c.Index] = (byte)(index + 1);
        }

        return (map, null);
    }

    /// <summary>The mask with every pixel looked up in <paramref name="map"/> (from <see cref="IndexMap"/>).</summary>
    public static LabelMask Remap(LabelMask mask, byte[] map)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(map);
        var pixels = new byte[mask.Pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = map[mask.Pixels[i]];
        }

        return new LabelMask(pixels, mask.Width, mask.Height);
    }

    /// <summary>
    /// Closest two overlay colours may be (RGB Euclidean distance): the browser reads the mask PNG back as colours and
    /// matches each pixel to the nearest class colour within 48 (the annotator's <c>rgbaToClassIndices</c>).
    /// </summary>
    public const double MinColorDistance = 64;

    /// <summary>
    /// The classes a verifier's overlay shows, in index order without the background: each with its earlier colour,
    /// or the palette's when that colour is missing or too close to white or to a colour already taken (the overlay
    /// tells classes apart by colour, see <see cref="MinColorDistance"/>).
    /// </summary>
    public static IReadOnlyList<OverlayClass> OverlayClasses(EarlierMaskRef earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var used = new List<string> { SegmentationPalette.BackgroundColor };
        var names = new List<OverlayClass>();
        foreach (var c in earlier.Classes.Where(c => !c.IsBackground))
        {
            if (names.Any(n => n.Name == c.Name))
            {
                continue;
            }

            bool Free(string color) => used.All(u => Distance(u, color) >= MinColorDistance);
            var color = c.Color is { } own && Free(own)
                ? own
                : SegmentationPalette.Colors.FirstOrDefault(Free) ?? SegmentationPalette.ColorOf(names.Count);
            used.Add(color);
            names.Add(new OverlayClass(c.Name, color));
        }

        return names;
    }

    private static double Distance(string a, string b)
    {
        static int Channel(string hex, int i) => int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var sum = 0.0;
        for (var i = 0; i < 3; i++)
        {
            sum += Math.Pow(Channel(a, i) - Channel(b, i), 2);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Finds the earlier semantic-segmentation masks in manifest lines (the first lines of an uploaded output manifest,
    /// for the job form): <c>-ref</c> keys whose <c>-metadata</c> has <c>type</c> <see cref="OutputType"/> and an
    /// <c>internal-color-map</c>, with their class names (background left out) in index order.
    /// </summary>
    public static IReadOnlyList<EarlierLabelKey> Find(IEnumerable<string> manifestLines)
    {
        ArgumentNullException.ThrowIfNull(manifestLines);
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
                if (!key.EndsWith("-ref-metadata", StringComparison.Ordinal) || node is not JsonObject metadata
                    || metadata["type"] is not JsonValue t || !t.TryGetValue<string>(out var type)
                    || !string.Equals(type, OutputType, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var attribute = key[..^"-metadata".Length];
                var (mask, _) = Read(text, attribute);
                if (mask is null)
                {
                    continue;
                }

                if (!found.TryGetValue(attribute, out var classes))
                {
                    found[attribute] = classes = [];
                    order.Add(attribute);
                }

                classes.AddRange(mask.Classes.Where(c => !c.IsBackground && !classes.Contains(c.Name)).Select(c => c.Name).Distinct(StringComparer.Ordinal));
            }
        }

        return [.. order.Select(a => new EarlierLabelKey(a, found[a]))];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static (IReadOnlyList<EarlierMaskClass>? Classes, string? Problem) ReadColorMap(JsonObject map)
    {
        var classes = new List<EarlierMaskClass>();
        foreach (var (key, node) in map)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 255)
            {
                return (null, $"has key \"{key}\"; keys must be class indices 0–255.");
            }

            if (node?["class-name"] is not JsonValue n || !n.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
            {
                return (null, $"entry \"{key}\" has no \"class-name\".");
            }

            var color = node["hex-color"] is JsonValue h && h.TryGetValue<string>(out var hex) && IsHexColor(hex) ? hex.ToLowerInvariant() : null;
            classes.Add(new EarlierMaskClass(index, name, color));
        }

        return classes.Count == 0 ? (null, "is empty.") : ([.. classes.OrderBy(c => c.Index)], null);
    }

    private static bool IsHexColor(string hex) =>
        hex.Length == 7 && hex[0] == '#' && !hex.AsSpan(1).ContainsAnyExcept(HexDigits);
}

/// <summary>An earlier mask named by a manifest line.</summary>
/// <param name="Reference">The <c>-ref</c> value: a store key or URI, resolved like <c>source-ref</c>.</param>
/// <param name="Classes">The classes of its <c>internal-color-map</c>, in index order.</param>
public sealed record EarlierMaskRef(string Reference, IReadOnlyList<EarlierMaskClass> Classes);

/// <summary>One entry of an earlier mask's <c>internal-color-map</c>.</summary>
/// <param name="Index">The class index (pixel value).</param>
/// <param name="Name">Its <c>class-name</c>.</param>
/// <param name="Color">Its <c>hex-color</c> in lower case, or <c>null</c> when missing or malformed.</param>
public sealed record EarlierMaskClass(int Index, string Name, string? Color)
{
    /// <summary>Whether this is the background: index 0 or the class named <c>BACKGROUND</c>, as Ground Truth writes it.</summary>
    public bool IsBackground => Index == 0 || Name == SegmentationPalette.BackgroundName;
}

/// <summary>A class shown in a verifier's overlay, with the colour it is painted in.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Color">Its colour, <c>#rrggbb</c>.</param>
public sealed record OverlayClass(string Name, string Color);
