namespace GroundTruth.Core.Jobs;

/// <summary>
/// The kind of labeling work a job asks for. Each value has a <see cref="TaskTypeDescriptor"/> in
/// <see cref="TaskTypes"/> that says what data it reads, what workers answer and what the output manifest holds.
/// </summary>
/// <remarks>Values are persisted by name, so new types can be added anywhere in the list.</remarks>
public enum TaskType
{
    /// <summary>One class per image (Ground Truth's <c>ImageMultiClass</c>).</summary>
    ImageClassification,

    /// <summary>Any number of classes per image (<c>ImageMultiClassMultiLabel</c>).</summary>
    ImageMultiLabelClassification,

    /// <summary>One class per text (<c>TextMultiClass</c>).</summary>
    TextClassification,

    /// <summary>Any number of classes per text (<c>TextMultiClassMultiLabel</c>).</summary>
    TextMultiLabelClassification,

    /// <summary>Labeled spans of text (Ground Truth's <c>NamedEntityRecognition</c>).</summary>
    NamedEntityRecognition,

    /// <summary>Boxes around objects (<c>BoundingBox</c>, output <c>groundtruth/object-detection</c>).</summary>
    BoundingBox,

    /// <summary>Outlines of objects as polygons (a custom task in Ground Truth; output <c>groundtruth/custom</c>).</summary>
    Polygon,

    /// <summary>Open lines such as lane markings (custom; <c>groundtruth/custom</c>).</summary>
    Polyline,

    /// <summary>Labeled points such as joints or landmarks (custom; <c>groundtruth/custom</c>).</summary>
    Keypoint,

    /// <summary>A class per pixel, painted as a mask (<c>SemanticSegmentation</c>, output <c>groundtruth/semantic-segmentation</c>).</summary>
    SemanticSegmentation,

    /// <summary>Verification of an earlier bounding-box job's boxes (<c>VerificationBoundingBox</c>; output <c>groundtruth/label-verification</c>).</summary>
    BoundingBoxVerification,

    /// <summary>Verification of an earlier polygon job's outlines (output <c>groundtruth/label-verification</c>).</summary>
    PolygonVerification,

    /// <summary>Adjustment of an earlier bounding-box job's boxes (<c>AdjustmentBoundingBox</c>; output <c>groundtruth/object-detection</c>).</summary>
    BoundingBoxAdjustment,

    /// <summary>Adjustment of an earlier polygon job's outlines (custom; <c>groundtruth/custom</c>).</summary>
    PolygonAdjustment,

    /// <summary>Verification of an earlier semantic-segmentation job's masks (<c>VerificationSemanticSegmentation</c>; output <c>groundtruth/label-verification</c>).</summary>
    SemanticSegmentationVerification,

    /// <summary>Adjustment of an earlier semantic-segmentation job's masks (<c>AdjustmentSemanticSegmentation</c>; output <c>groundtruth/semantic-segmentation</c> under a new <c>-ref</c>).</summary>
    SemanticSegmentationAdjustment,
}
