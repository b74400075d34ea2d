using GroundTruth.Core.Annotations;
using GroundTruth.Core.Review;

namespace GroundTruth.Core.Jobs;

/// <summary>Everything the product needs to know about one <see cref="TaskType"/>.</summary>
/// <param name="Type">The task type described.</param>
/// <param name="DisplayName">The name shown to requesters.</param>
/// <param name="OutputType">The <c>type</c> written into <c>&lt;attr&gt;-metadata</c>, e.g. <c>groundtruth/image-classification</c>.</param>
/// <param name="DataKind">Whether objects are image files or inline text.</param>
/// <param name="IsMultiLabel">Whether a worker may choose several labels.</param>
/// <param name="CrowdElement">The crowd HTML element whose output shape worker answers use, e.g. <c>crowd-image-classifier</c>.</param>
/// <param name="MinLabels">Fewest label categories the job must define.</param>
/// <param name="MaxLabels">Most label categories the job may define.</param>
/// <param name="LabelAttributeNeedsRef">Whether the label attribute name must end in <c>-ref</c> (semantic segmentation); otherwise it must not.</param>
/// <param name="DefaultWorkersPerObject">The console default for workers per object.</param>
/// <param name="DefaultTaskTimeLimitSeconds">The console default task time limit.</param>
/// <param name="WorkerUi">Which worker tool the task page shows.</param>
/// <param name="Review">Whether workers verify or adjust an earlier job's labels named by the job.</param>
/// <param name="ReviewedShape">For verification and adjustment of shapes, the kind of shape the earlier job drew.</param>
/// <param name="ReviewsMask">For verification and adjustment, whether the earlier job painted a semantic-segmentation
/// mask (<c>-ref</c> to a palette PNG, see <see cref="Review.EarlierMask"/>) rather than drawing shapes.</param>
public sealed record TaskTypeDescriptor(
    TaskType Type,
    string DisplayName,
    string OutputType,
    DataKind DataKind,
    bool IsMultiLabel,
    string CrowdElement,
    int MinLabels,
    int MaxLabels,
    bool LabelAttributeNeedsRef,
    int DefaultWorkersPerObject,
    int DefaultTaskTimeLimitSeconds,
    WorkerUi WorkerUi = WorkerUi.Classification,
    ReviewKind Review = ReviewKind.None,
    ShapeKind? ReviewedShape = null,
    bool ReviewsMask = false)
{
    /// <summary>Whether workers paint a mask (semantic segmentation and its adjustment), kept in the object store.</summary>
    public bool PaintsMask => CrowdElement == Segmentation.SegmentationMask.CrowdElement;
}
