using GroundTruth.Core.Annotations;
using GroundTruth.Core.Review;

namespace GroundTruth.Core.Jobs;

/// <summary>The catalogue of task types, with the limits Ground Truth documents for each.</summary>
/// <remarks>Label limits follow the CreateLabelingJob API quotas: classification needs at least 2 labels and
/// multi-label and bounding box at most 50 (we use 50 for the custom image shapes too); single-label is unlimited in the API (we cap it at 1,000 so the worker UI stays usable).
/// Named entity recognition needs one label and sets no documented maximum; we cap it at 1,000 as well, because every
/// label is a palette button and a colour on the worker's page (only the first ones get keyboard shortcuts).
/// Verification jobs take 2–10 categories, as <c>crowd-image-classifier</c> shows at most 10, with the console's
/// 5-minute default time limit for label verification.</remarks>
public static class TaskTypes
{
    /// <summary>The output type of tasks Ground Truth runs as custom templates (polygon, polyline, keypoint).</summary>
    public const string CustomOutputType = "groundtruth/custom";

    /// <summary>The output type of label verification jobs, whatever shape they verify.</summary>
    public const string LabelVerificationOutputType = "groundtruth/label-verification";

    private static readonly Dictionary<TaskType, TaskTypeDescriptor> Descriptors = new TaskTypeDescriptor[]
    {
        new(TaskType.ImageClassification, "Image classification (single label)", "groundtruth/image-classification",
            DataKind.Image, IsMultiLabel: false, "crowd-image-classifier", 2, 1000, false, 3, 300),
        new(TaskType.ImageMultiLabelClassification, "Image classification (multi-label)", "groundtruth/image-classification-multilabel",
            DataKind.Image, IsMultiLabel: true, "crowd-image-classifier-multi-select", 2, 50, false, 3, 300),
        new(TaskType.TextClassification, "Text classification (single label)", "groundtruth/text-classification",
            DataKind.Text, IsMultiLabel: false, "crowd-classifier", 2, 1000, false, 3, 300),
        new(TaskType.TextMultiLabelClassification, "Text classification (multi-label)", "groundtruth/text-classification-multilabel",
            DataKind.Text, IsMultiLabel: true, "crowd-classifier-multi-select", 2, 50, false, 3, 300),
        new(TaskType.NamedEntityRecognition, "Named entity recognition", "groundtruth/text-span",
            DataKind.Text, IsMultiLabel: true, "crowd-entity-annotation", 1, 1000, false, 3, 300, WorkerUi.TextSpans),
        new(TaskType.BoundingBox, "Bounding box", "groundtruth/object-detection",
            DataKind.Image, IsMultiLabel: false, "crowd-bounding-box", 1, 50, false, 5, 3600, WorkerUi.ImageCanvas),
        new(TaskType.Polygon, "Polygon (instance outlines)", CustomOutputType,
            DataKind.Image, IsMultiLabel: false, "crowd-polygon", 1, 50, false, 3, 3600, WorkerUi.ImageCanvas),
        new(TaskType.Polyline, "Polyline", CustomOutputType,
            DataKind.Image, IsMultiLabel: false, "crowd-polyline", 1, 50, false, 3, 3600, WorkerUi.ImageCanvas),
        new(TaskType.Keypoint, "Keypoint", CustomOutputType,
            DataKind.Image, IsMultiLabel: false, "crowd-keypoint", 1, 50, false, 3, 3600, WorkerUi.ImageCanvas),
        new(TaskType.SemanticSegmentation, "Semantic segmentation", "groundtruth/semantic-segmentation",
            DataKind.Image, IsMultiLabel: false, "crowd-semantic-segmentation", 1, SegmentationPalette.MaxLabels, true, 3, 3600, WorkerUi.ImageCanvas),
        new(TaskType.BoundingBoxVerification, "Bounding box verification", LabelVerificationOutputType,
            DataKind.Image, IsMultiLabel: false, "crowd-image-classifier", 2, 10, false, 3, 300, WorkerUi.LabelVerification, ReviewKind.Verification, ShapeKind.Box),
        new(TaskType.PolygonVerification, "Polygon verification", LabelVerificationOutputType,
            DataKind.Image, IsMultiLabel: false, "crowd-image-classifier", 2, 10, false, 3, 300, WorkerUi.LabelVerification, ReviewKind.Verification, ShapeKind.Polygon),
        new(TaskType.BoundingBoxAdjustment, "Bounding box adjustment", "groundtruth/object-detection",
            DataKind.Image, IsMultiLabel: false, "crowd-bounding-box", 1, 50, false, 3, 3600, WorkerUi.ImageCanvas, ReviewKind.Adjustment, ShapeKind.Box),
        new(TaskType.PolygonAdjustment, "Polygon adjustment", CustomOutputType,
            DataKind.Image, IsMultiLabel: false, "crowd-polygon", 1, 50, false, 3, 3600, WorkerUi.ImageCanvas, ReviewKind.Adjustment, ShapeKind.Polygon),
        new(TaskType.SemanticSegmentationVerification, "Semantic segmentation verification", LabelVerificationOutputType,
            DataKind.Image, IsMultiLabel: false, "crowd-image-classifier", 2, 10, false, 3, 300, WorkerUi.LabelVerification, ReviewKind.Verification, ReviewsMask: true),
        new(TaskType.SemanticSegmentationAdjustment, "Semantic segmentation adjustment", "groundtruth/semantic-segmentation",
            DataKind.Image, IsMultiLabel: false, "crowd-semantic-segmentation", 1, SegmentationPalette.MaxLabels, true, 3, 3600, WorkerUi.ImageCanvas, ReviewKind.Adjustment, ReviewsMask: true),
    }.ToDictionary(d => d.Type);

    /// <summary>Every task type, in the order the job form lists them.</summary>
    public static IReadOnlyList<TaskTypeDescriptor> All { get; } = [.. Descriptors.Values];

    /// <summary>The descriptor of <paramref name="type"/>.</summary>
    public static TaskTypeDescriptor Get(TaskType type) => Descriptors[type];
}
