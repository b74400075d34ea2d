using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Core.Review;

/// <summary>
/// Ground Truth's <c>adjustment-status</c> for adjustment jobs: <c>adjusted</c> when at least one worker changed the
/// earlier labels, else <c>unadjusted</c> [DG:sms-data-output, bounding-box adjustment].
/// </summary>
/// <remarks>
/// The server compares each answer with the earlier shapes rather than trusting the client's
/// <c>initialValueModified</c> (which polygons do not carry, and which stays true after an edit is undone). Shapes
/// match when kind, label and every vertex agree within <see cref="Tolerance"/> pixels, whatever their order: the
/// canvas rounds coordinates to 2 decimals, so an untouched 164.60000000000002 comes back as 164.6.
/// </remarks>
public static class AdjustmentStatus
{
    /// <summary>The metadata key.</summary>
    public const string Key = "adjustment-status";

    /// <summary>At least one worker changed the earlier labels.</summary>
    public const string Adjusted = "adjusted";

    /// <summary>Every worker kept the earlier labels as they were.</summary>
    public const string Unadjusted = "unadjusted";

    /// <summary>Largest coordinate difference, in pixels, still counted as unchanged.</summary>
    public const double Tolerance = 0.02;

    /// <summary>The status for answers (crowd element outputs) given on top of <paramref name="earlier"/>.</summary>
    /// <param name="kind">The kind of shape.</param>
    /// <param name="earlier">The earlier labels as the element output (see <see cref="EarlierLabels.Read"/>).</param>
    /// <param name="answers">Each worker's element output.</param>
    public static string Of(ShapeKind kind, JsonObject earlier, IEnumerable<JsonObject> answers)
    {
        var original = ImageShapeAnswer.Read(kind, earlier);
        return answers.Any(a => Changed(original, ImageShapeAnswer.Read(kind, a))) ? Adjusted : Unadjusted;
    }

    /// <summary>Whether <paramref name="answer"/> differs from <paramref name="original"/> (see the class remarks).</summary>
    public static bool Changed(IReadOnlyList<ImageShape> original, IReadOnlyList<ImageShape> answer)
    {
        if (original.Count != answer.Count)
        {
            return true;
        }

        // The canvas keeps the order it was given, so the common case is a match in place.
        if (original.Zip(answer).All(p => Same(p.First, p.Second)))
        {
            return false;
        }

        var unused = answer.ToList();
        foreach (var shape in original)
        {
            var match = unused.FindIndex(a => Same(shape, a));
            if (match < 0)
            {
                return true;
            }

            unused.RemoveAt(match);
        }

        return false;
    }

    /// <summary>
    /// The status for semantic-segmentation masks painted on top of <paramref name="earlier"/>: <see cref="Adjusted"/>
    /// when any worker's mask differs from it in at least one pixel. Both are in the job's class indices (the earlier
    /// mask mapped by <see cref="EarlierMask.Remap"/>); a mask of another size counts as changed.
    /// </summary>
    /// <remarks>Ground Truth's developer guide shows no <c>adjustment-status</c> for semantic-segmentation adjustment; we
    /// write it as for the other adjustment jobs, so a reader need not special-case masks.</remarks>
    public static string Of(LabelMask earlier, IEnumerable<LabelMask> answers)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Any(a => a.Width != earlier.Width || a.Height != earlier.Height || !a.Pixels.AsSpan().SequenceEqual(earlier.Pixels))
            ? Adjusted
            : Unadjusted;
    }

    private static bool Same(ImageShape a, ImageShape b) =>
        a.Kind == b.Kind && string.Equals(a.Label, b.Label, StringComparison.Ordinal) && a.Vertices.Count == b.Vertices.Count
        && a.Vertices.Zip(b.Vertices).All(p => Math.Abs(p.First.X - p.Second.X) <= Tolerance && Math.Abs(p.First.Y - p.Second.Y) <= Tolerance);
}
