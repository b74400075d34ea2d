using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Segmentation;

/// <summary>
/// The rules for a worker's semantic-segmentation mask, and the answer shape that refers to it. The mask is an 8-bit
/// palette PNG at the image's recorded size whose pixel values are class indices: 0 = background, <c>i</c> = the
/// job's label <c>i − 1</c>. Masks are stored in the object store, not in the answer row: the answer keeps
/// <c>crowd-semantic-segmentation</c>'s shape (<c>inputImageProperties</c>, <c>labelMappings</c>, <c>labeledImage</c>)
/// with <c>labeledImage.pngImageRef</c> (the store key) in place of the inline <c>pngImageData</c>.
/// </summary>
public static class SegmentationMask
{
    /// <summary>Largest mask file accepted, in bytes (a 20,000 × 20,000 mask of large painted areas compresses far below it).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>The crowd element whose output shape segmentation answers use.</summary>
    public const string CrowdElement = "crowd-semantic-segmentation";

    /// <summary>Checks a mask PNG against the image's recorded size and the job's label count.</summary>
    /// <param name="png">The uploaded file.</param>
    /// <param name="image">The image's size recorded at import (EXIF orientation applied).</param>
    /// <param name="labelCount">How many labels the job has; indices 0..labelCount are allowed.</param>
    /// <returns>The decoded mask, or the problem in words a worker or API client can act on.</returns>
    public static MaskCheck Check(ReadOnlySpan<byte> png, ImageSize? image, int labelCount)
    {
        if (png.Length > MaxBytes)
        {
            return MaskCheck.Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The mask is {png.Length:N0} bytes; at most {MaxBytes:N0} are accepted."));
        }

        if (image is not { Width: > 0, Height: > 0 } size)
        {
            return MaskCheck.Fail("This image's size is not known, so a mask cannot be checked against it.");
        }

        // One pass over the file: the header's size is checked before the pixel data is inflated.
        var decoded = PalettePng.Decode(png, expectedSize: size);
        if (decoded.Problem is not null)
        {
            return MaskCheck.Fail(decoded.Problem);
        }

        var pixels = decoded.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            if (pixels[i] > labelCount)
            {
                return MaskCheck.Fail($"Pixel ({i % size.Width}, {i / size.Width}) has class index {pixels[i]}, but this job has {labelCount} label{(labelCount == 1 ? "" : "s")} (0 = background, 1–{labelCount} = the labels in order).");
            }
        }

        return new MaskCheck(new LabelMask(pixels, size.Width, size.Height), null);
    }

    /// <summary>The <c>labelMappings</c> of the job's labels: each label's palette colour.</summary>
    public static JsonObject LabelMappings(IReadOnlyList<LabelCategory> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var mappings = new JsonObject();
        for (var i = 0; i < labels.Count; i++)
        {
            mappings[labels[i].Label] = new JsonObject { ["color"] = SegmentationPalette.ColorOf(i) };
        }

        return mappings;
    }

    /// <summary>The stored answer for a mask kept under <paramref name="maskKey"/> in the object store.</summary>
    public static JsonObject Answer(IReadOnlyList<LabelCategory> labels, ImageSize image, string maskKey) => new()
    {
        [CrowdElement] = new JsonObject
        {
            ["inputImageProperties"] = new JsonObject { ["height"] = image.Height, ["width"] = image.Width },
            ["labelMappings"] = LabelMappings(labels),
            ["labeledImage"] = new JsonObject { ["pngImageRef"] = maskKey },
        },
    };

    /// <summary>The store key of the mask an answer refers to, or <c>null</c>.</summary>
    public static string? MaskKeyOf(JsonObject answer) =>
        answer[CrowdElement]?["labeledImage"]?["pngImageRef"]?.GetValue<string>();

    /// <summary>The inline base64 PNG of an answer in the crowd element's own shape, or <c>null</c>.</summary>
    public static string? InlinePngOf(JsonObject answer) =>
        answer[CrowdElement]?["labeledImage"]?["pngImageData"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The <c>internal-color-map</c> of the job's labels: class index → name, colour and confidence.</summary>
    public static JsonObject InternalColorMap(IReadOnlyList<LabelCategory> labels, double confidence)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var map = new JsonObject
        {
            ["0"] = Entry(SegmentationPalette.BackgroundName, SegmentationPalette.BackgroundColor, confidence),
        };
        for (var i = 0; i < labels.Count; i++)
        {
            map[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = Entry(labels[i].Label, SegmentationPalette.ColorOf(i), confidence);
        }

        return map;
    }

    private static JsonObject Entry(string name, string color, double confidence) => new()
    {
        ["class-name"] = name,
        ["confidence"] = confidence,
        ["hex-color"] = color,
    };
}

/// <summary>The outcome of <see cref="SegmentationMask.Check"/>.</summary>
/// <param name="Mask">The decoded mask when it is acceptable.</param>
/// <param name="Problem">Why it is not, or <c>null</c>.</param>
public sealed record MaskCheck(LabelMask? Mask, string? Problem)
{
    internal static MaskCheck Fail(string problem) => new(null, problem);
}
