namespace GroundTruth.Core.Jobs;

/// <summary>The worker tool a task type is labeled with.</summary>
public enum WorkerUi
{
    /// <summary>Label buttons with keyboard shortcuts (one or several labels per object).</summary>
    Classification,

    /// <summary>Text-span (named-entity) annotator: select characters, give them a label.</summary>
    TextSpans,

    /// <summary>The image annotation canvas (boxes, polygons, polylines, keypoints), wrapping <c>wwwroot-assets/annotator</c>.</summary>
    ImageCanvas,

    /// <summary>The image with an earlier job's shapes drawn read-only, verification categories (keys 1–9) and a comment.</summary>
    LabelVerification,
}
