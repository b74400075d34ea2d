namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>
/// Consolidates semantic-segmentation masks by a reliability-weighted per-pixel vote with 3×3 smoothing.
/// </summary>
/// <remarks>
/// Ground Truth documents that "each pixel is a multi-class vote" and that "more information from surrounding pixels
/// is incorporated by applying a smoothing function", with one confidence per image; the function is not published.
/// Here the weighted class counts are convolved with the 3×3 binomial kernel [1 2 1]ᵀ[1 2 1]/16 (a discrete Gaussian,
/// computed separably with a three-row ring buffer, so memory is 3 × width × classes), the pixel takes the class with
/// the largest smoothed count (ties to the lower class index), and its share is that count over the smoothed total.
/// Pixels outside the image contribute nothing. Confidence = mean share over the image; 0 with a single worker, as
/// Ground Truth reports 0.00 for single-worker objects.
/// </remarks>
public static class MaskVote
{
    /// <summary>Votes the masks.</summary>
    /// <param name="masks">One mask per worker, all the same size.</param>
    /// <param name="weights">Optional reliability weight per mask (default 1 each).</param>
    /// <param name="smooth">Apply the 3×3 smoothing (default true); false gives a plain per-pixel vote.</param>
    /// <returns>The consolidated mask and its confidence.</returns>
    public static MaskVoteResult Consolidate(IReadOnlyList<LabelMask> masks, IReadOnlyList<double>? weights = null, bool smooth = true)
    {
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count == 0)
        {
            throw new ArgumentException("At least one mask is required.", nameof(masks));
        }

        int width = masks[0].Width, height = masks[0].Height;
        var classes = 1;
        foreach (var m in masks)
        {
            if (m.Width != width || m.Height != height || m.Pixels.Length != width * height)
            {
                throw new ArgumentException("All masks must have the same size and Width × Height pixels.", nameof(masks));
            }

            foreach (var v in m.Pixels)
            {
                classes = Math.Max(classes, v + 1);
            }
        }

        var w = new double[masks.Count];
        for (var i = 0; i < w.Length; i++)
        {
            w[i] = weights is null ? 1 : Math.Max(weights[i], WeightedStatistics.MinWeight);
        }

        var rowSize = width * classes;
        var horizontal = new double[3][];
        for (var i = 0; i < 3; i++)
        {
            horizontal[i] = new double[rowSize];
        }

        var raw = new double[rowSize];
        var output = new byte[width * height];
        var shareSum = 0.0;
        var scores = new double[classes];

        // Row r of horizontally smoothed counts lives in horizontal[r % 3]; row y is finished once row y + 1 is known.
        for (var y = 0; y <= height; y++)
        {
            if (y < height)
            {
                HorizontalRow(masks, w, y, width, classes, smooth, raw, horizontal[y % 3]);
            }

            var oy = y - 1;
            if (oy < 0)
            {
                continue;
            }

            var centre = horizontal[oy % 3];
            var above = oy > 0 ? horizontal[(oy - 1) % 3] : null;
            var below = oy + 1 < height ? horizontal[(oy + 1) % 3] : null;
            for (var x = 0; x < width; x++)
            {
                var best = 0;
                var bestScore = -1.0;
                var sum = 0.0;
                var baseIndex = x * classes;
                for (var k = 0; k < classes; k++)
                {
                    var s = smooth ? 2 * centre[baseIndex + k] : centre[baseIndex + k];
                    if (smooth && above is not null)
                    {
                        s += above[baseIndex + k];
                    }

                    if (smooth && below is not null)
                    {
                        s += below[baseIndex + k];
                    }

                    sum += s;
                    if (s > bestScore + 1e-12)
                    {
                        bestScore = s;
                        best = k;
                    }
                }

                output[(oy * width) + x] = (byte)best;
                shareSum += sum > 0 ? bestScore / sum : 0;
            }
        }

        var confidence = masks.Count == 1 || width * height == 0 ? 0 : shareSum / (width * height);
        return new MaskVoteResult(new LabelMask(output, width, height), confidence);
    }

    private static void HorizontalRow(IReadOnlyList<LabelMask> masks, double[] w, int y, int width, int classes, bool smooth, double[] raw, double[] target)
    {
        Array.Clear(raw);
        var row = y * width;
        for (var i = 0; i < masks.Count; i++)
        {
            var pixels = masks[i].Pixels;
            var wi = w[i];
            for (var x = 0; x < width; x++)
            {
                raw[(x * classes) + pixels[row + x]] += wi;
            }
        }

        if (!smooth)
        {
            Array.Copy(raw, target, raw.Length);
            return;
        }

        for (var x = 0; x < width; x++)
        {
            var b = x * classes;
            for (var k = 0; k < classes; k++)
            {
                var s = 2 * raw[b + k];
                if (x > 0)
                {
                    s += raw[b - classes + k];
                }

                if (x + 1 < width)
                {
                    s += raw[b + classes + k];
                }

                target[b + k] = s;
            }
        }
    }
}
