using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Segmentation;

/// <summary>
/// Consolidates workers' masks for one image: a reliability-weighted per-pixel vote with 3×3 smoothing
/// (<see cref="MaskVote"/>), written as Ground Truth does — the label value is the URI of a palette PNG and the
/// metadata holds <c>internal-color-map</c> with one confidence per image repeated for every class.
/// </summary>
/// <remarks>
/// Reliability: a first unweighted vote gives a consensus; each worker's weight is the share of pixels on which they
/// agree with it (at least <see cref="WeightedStatistics.MinWeight"/>), and the weighted vote decides. A careless
/// worker thus counts less than the others without a history across images. With one worker the mask is kept as it is
/// and confidence is 0.00, as Ground Truth reports for single-worker objects.
/// </remarks>
public static class SegmentationConsolidation
{
    /// <summary>Votes <paramref name="masks"/> (one per worker, all the image's size).</summary>
    /// <returns>The consolidated mask, its confidence (2 decimals) and the weight each worker got.</returns>
    public static SegmentationResult Consolidate(IReadOnlyList<LabelMask> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentOutOfRangeException.ThrowIfZero(masks.Count);
        if (masks.Count == 1)
        {
            return new SegmentationResult(masks[0], 0, [1]);
        }

        var consensus = MaskVote.Consolidate(masks).Mask.Pixels;
        var weights = masks.Select(m =>
        {
            var agree = 0L;
            for (var i = 0; i < consensus.Length; i++)
            {
                agree += m.Pixels[i] == consensus[i] ? 1 : 0;
            }

            return consensus.Length == 0 ? 1 : (double)agree / consensus.Length;
        }).ToList();
        var vote = MaskVote.Consolidate(masks, weights);
        return new SegmentationResult(vote.Mask, Math.Round(vote.Confidence, 2), weights);
    }

    /// <summary>The consolidated mask as a palette PNG: pixel value = class index, palette = the job's colours.</summary>
    public static byte[] EncodePng(LabelMask mask, int labelCount)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return PalettePng.Encode(mask.Pixels, mask.Width, mask.Height, SegmentationPalette.Rgb(labelCount));
    }

    /// <summary>The label value and task-specific metadata for a consolidated mask stored at <paramref name="maskUri"/>.</summary>
    public static ConsolidatedAnnotation Annotation(IReadOnlyList<LabelCategory> labels, string maskUri, double confidence) =>
        new(JsonValue.Create(maskUri), new JsonObject { ["internal-color-map"] = SegmentationMask.InternalColorMap(labels, confidence) });
}

/// <summary>The result of <see cref="SegmentationConsolidation.Consolidate"/>.</summary>
/// <param name="Mask">The consolidated mask.</param>
/// <param name="Confidence">One confidence for the image, rounded to 2 decimals; 0 with one worker.</param>
/// <param name="Weights">The reliability weight of each worker's mask, in input order.</param>
public sealed record SegmentationResult(LabelMask Mask, double Confidence, IReadOnlyList<double> Weights);
