using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Core.Consolidation;

/// <summary>Chooses the default consolidator for each task type.</summary>
public static class Consolidators
{
    private static readonly SingleLabelVote Single = new();
    private static readonly MultiLabelVote Multi = new();
    private static readonly ClusteredSpans Spans = new();

    /// <summary>The consolidator used for <paramref name="type"/> unless the job asks for another.</summary>
    /// <exception cref="NotSupportedException">For semantic segmentation, whose masks live in the object store and are
    /// consolidated by <see cref="Segmentation.SegmentationConsolidation"/>.</exception>
    public static IAnnotationConsolidator For(TaskType type)
    {
        var descriptor = TaskTypes.Get(type);
        if (type == TaskType.SemanticSegmentation)
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
}
