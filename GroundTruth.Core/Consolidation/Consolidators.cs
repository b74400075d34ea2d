using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;

namespace GroundTruth.Core.Consolidation;

/// <summary>Chooses the default consolidator for each task type.</summary>
public static class Consolidators
{
    private static readonly SingleLabelVote Single = new();
    private static readonly MultiLabelVote Multi = new();
    private static readonly ClusteredSpans Spans = new();

    /// <summary>The consolidator used for <paramref name="type"/> unless the job asks for another.</summary>
    /// <exception cref="NotSupportedException">For semantic segmentation and its adjustment, whose masks live in the object store and are
    /// consolidated by <see cref="Segmentation.SegmentationConsolidation"/>.</exception>
    public static IAnnotationConsolidator For(TaskType type)
    {
        var descriptor = TaskTypes.Get(type);
        if (descriptor.PaintsMask)
        {
            throw new NotSupportedException("Segmentation masks are consolidated by SegmentationConsolidation, not from answer JSON.");
        }

        if (ImageShapeAnswer.KindOf(descriptor) is { } kind)
        {
            return kind == ShapeKind.Box
                ? new FusedBoxes(descriptor.CrowdElement)
                : new ClusteredShapes(kind, descriptor.CrowdElement);
        }

        return descriptor switch
        {
            { WorkerUi: WorkerUi.TextSpans } => Spans,
            { IsMultiLabel: true } => Multi,
            _ => Single,
        };
    }

    /// <summary>
    /// Consolidates one object's answers with <see cref="For"/> and adds what review jobs write: <c>worker-feedback</c>
    /// for label verification, <c>adjustment-status</c> for adjustment (compared with the earlier labels in the line).
    /// </summary>
    /// <param name="type">The job's task type.</param>
    /// <param name="labels">The job's labels.</param>
    /// <param name="reviewedAttribute">For review jobs, the earlier job's label attribute.</param>
    /// <param name="manifestLine">The object's input line.</param>
    /// <param name="answers">The workers' answers (at least one).</param>
    public static ConsolidatedAnnotation ConsolidateObject(TaskTypeDescriptor type, IReadOnlyList<LabelCategory> labels, string? reviewedAttribute, string manifestLine, IReadOnlyList<WorkerAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(type);
        var result = For(type.Type).Consolidate(labels, answers);
        if (type.Review == ReviewKind.Verification)
        {
            VerificationAnswer.AddWorkerFeedback(result.Metadata, answers.Select(a => a.AnswerContent));
        }
        else if (type.Review == ReviewKind.Adjustment && type.ReviewedShape is { } kind)
        {
            var elements = answers.Select(a => a.AnswerContent[type.CrowdElement] as JsonObject ?? []).ToList();
            var size = elements.Select(ImageShapeAnswer.ReadImageSize).FirstOrDefault(s => s is not null);
            var earlier = reviewedAttribute is null ? null : EarlierLabels.Read(manifestLine, reviewedAttribute, kind, null, size).Element;

            // Import refuses lines without usable earlier labels, so a missing one means the line changed since: count it as adjusted.
            result.Metadata[AdjustmentStatus.Key] = earlier is null ? AdjustmentStatus.Adjusted : AdjustmentStatus.Of(kind, earlier, elements);
        }

        return result;
    }
}
