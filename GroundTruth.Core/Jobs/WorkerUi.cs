namespace GroundTruth.Core.Jobs;

/// <summary>The worker tool a task type is labeled with.</summary>
public enum WorkerUi
{
    /// <summary>Label buttons with keyboard shortcuts (one or several labels per object).</summary>
    Classification,

    /// <summary>The image annotation canvas (boxes, polygons, polylines, keypoints), wrapping <c>wwwroot-assets/annotator</c>.</summary>
    ImageCanvas,
}
