namespace GroundTruth.Core.Consolidation.Geometry;

/// <summary>An axis-aligned box as <c>crowd-bounding-box</c> reports it: label, left, top, width, height (pixels, origin top-left).</summary>
/// <param name="Label">The class label.</param>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Width">Width (≥ 0).</param>
/// <param name="Height">Height (≥ 0).</param>
public sealed record Box(string Label, double Left, double Top, double Width, double Height)
{
    /// <summary>Right edge (<c>Left + Width</c>).</summary>
    public double Right => Left + Width;

    /// <summary>Bottom edge (<c>Top + Height</c>).</summary>
    public double Bottom => Top + Height;

    /// <summary>Intersection over union (Jaccard index) of two boxes, ignoring labels; 0 when the union is empty.</summary>
    /// <param name="a">First box.</param>
    /// <param name="b">Second box.</param>
    /// <returns>IoU in [0, 1].</returns>
    public static double Iou(Box a, Box b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Iou(a.Left, a.Top, a.Right, a.Bottom, b.Left, b.Top, b.Right, b.Bottom);
    }

    /// <summary>IoU of two boxes given by their edges (left, top, right, bottom).</summary>
    /// <param name="l1">Left of the first box.</param>
    /// <param name="t1">Top of the first box.</param>
    /// <param name="r1">Right of the first box.</param>
    /// <param name="b1">Bottom of the first box.</param>
    /// <param name="l2">Left of the second box.</param>
    /// <param name="t2">Top of the second box.</param>
    /// <param name="r2">Right of the second box.</param>
    /// <param name="b2">Bottom of the second box.</param>
    /// <returns>IoU in [0, 1].</returns>
    public static double Iou(double l1, double t1, double r1, double b1, double l2, double t2, double r2, double b2)
    {
        var iw = Math.Min(r1, r2) - Math.Max(l1, l2);
        var ih = Math.Min(b1, b2) - Math.Max(t1, t2);
        if (iw <= 0 || ih <= 0)
        {
            return 0;
        }

        var inter = iw * ih;
        var union = ((r1 - l1) * (b1 - t1)) + ((r2 - l2) * (b2 - t2)) - inter;
        return union > 0 ? inter / union : 0;
    }
}
