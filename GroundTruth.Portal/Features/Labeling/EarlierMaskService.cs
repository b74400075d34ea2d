using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;
using GroundTruth.Core.Segmentation;
using GroundTruth.Core.Storage;

namespace GroundTruth.Portal.Features.Labeling;

/// <summary>An earlier mask read for a task: in the indices of <see cref="Classes"/> (class <c>i + 1</c> = <c>Classes[i]</c>).</summary>
/// <param name="Mask">The mask, or <c>null</c> with <paramref name="Problem"/>.</param>
/// <param name="Classes">The classes the indices stand for, with the colours the worker sees them in.</param>
/// <param name="Problem">Why the earlier mask cannot be used, naming the line's field.</param>
public sealed record EarlierMaskRead(LabelMask? Mask, IReadOnlyList<OverlayClass> Classes, string? Problem);

/// <summary>
/// Reads the earlier semantic-segmentation mask a verification or adjustment line names (<see cref="EarlierMask"/>):
/// the <c>-ref</c> resolves like <c>source-ref</c> (inside the data folder or object store), the PNG is checked, and its
/// classes are mapped by name to what the worker sees: the job's labels in the job's palette for adjustment (so the
/// canvas paints on in the same indices), the earlier classes in their own colours for verification.
/// </summary>
public sealed class EarlierMaskService(IObjectStore store, Jobs.JobFileAccess fileAccess)
{
    /// <summary>Reads and checks the earlier mask of <paramref name="manifestLine"/> for a job of a mask-reviewing type.</summary>
    public async Task<EarlierMaskRead> ReadAsync(LabelingJob job, string manifestLine, ImageSize image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Descriptor.ReviewsMask || job.PreAnnotationsAttribute is not { } attribute)
        {
            return Fail("This job does not review an earlier mask.");
        }

        var (earlier, problem) = EarlierMask.Read(manifestLine, attribute);
        if (earlier is null)
        {
            return Fail(problem!);
        }

        var classes = Classes(job, earlier);
        var (map, mapProblem) = EarlierMask.IndexMap(earlier, [.. classes.Select(c => c.Name)], attribute);
        if (map is null)
        {
            return Fail(mapProblem!);
        }

        var key = store.TryGetKey(earlier.Reference, out var keyProblem);
        keyProblem = key is null ? keyProblem : await fileAccess.ProblemAsync(key, job.RequesterId, cancellationToken);
        if (key is null || keyProblem is not null)
        {
            return Fail($"\"{attribute}\" is not allowed: {keyProblem}");
        }

        var size = await store.GetSizeAsync(key, cancellationToken);
        if (size is null)
        {
            return Fail($"The earlier mask '{earlier.Reference}' in \"{attribute}\" does not exist in the data folder.");
        }

        if (size > SegmentationMask.MaxBytes)
        {
            return Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The earlier mask '{earlier.Reference}' in \"{attribute}\" is {size:N0} bytes; at most {SegmentationMask.MaxBytes:N0} are read."));
        }

        byte[] bytes;
        await using (var stream = await store.OpenReadAsync(key, cancellationToken))
        {
            if (stream is null)
            {
                return Fail($"The earlier mask '{earlier.Reference}' in \"{attribute}\" does not exist in the data folder.");
            }

            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
        }

        var (mask, checkProblem) = EarlierMask.Check(bytes, image, earlier, attribute);
        return mask is null ? Fail(checkProblem!) : new EarlierMaskRead(EarlierMask.Remap(mask, map), classes, null);
    }

    /// <summary>The mask as a palette PNG whose colours are the classes' (what the worker's browser shows or seeds from).</summary>
    public static byte[] EncodePng(EarlierMaskRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var mask = read.Mask ?? throw new ArgumentException("The read failed.", nameof(read));
        return PalettePng.Encode(mask.Pixels, mask.Width, mask.Height, SegmentationPalette.Rgb([.. read.Classes.Select(c => c.Color)]));
    }

    /// <summary>
    /// The earlier mask in <c>crowd-semantic-segmentation</c>'s <c>initial-value</c> form, <c>{"labelMappings":{…},"src":url}</c>
    /// (Ground Truth converts <c>internal-color-map</c> to <c>labelMappings</c>, background left out), or <c>null</c>
    /// when the line's metadata cannot be read. Reads no file: the browser fetches <paramref name="maskUrl"/>.
    /// </summary>
    public static JsonObject? InitialValue(LabelingJob job, string manifestLine, string maskUrl)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Descriptor.ReviewsMask || job.PreAnnotationsAttribute is not { } attribute || EarlierMask.Read(manifestLine, attribute).Mask is not { } earlier)
        {
            return null;
        }

        var mappings = new JsonObject();
        foreach (var c in Classes(job, earlier))
        {
            mappings[c.Name] = new JsonObject { ["color"] = c.Color };
        }

        return new JsonObject { ["labelMappings"] = mappings, ["src"] = maskUrl };
    }

    private static IReadOnlyList<OverlayClass> Classes(LabelingJob job, EarlierMaskRef earlier) =>
        job.Descriptor.Review == ReviewKind.Adjustment
            ? [.. job.Labels.Select((l, i) => new OverlayClass(l.Label, SegmentationPalette.ColorOf(i)))]
            : EarlierMask.OverlayClasses(earlier);

    private static EarlierMaskRead Fail(string problem) => new(null, [], problem);
}
