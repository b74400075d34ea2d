namespace GroundTruth.Core.Jobs;

/// <summary>A labeling job's status, as DescribeLabelingJob's <c>LabelingJobStatus</c>.</summary>
public enum JobStatus
{
    /// <summary>The input manifest is being imported.</summary>
    Initializing,

    /// <summary>Workers can take tasks.</summary>
    InProgress,

    /// <summary>A stop was requested; no new tasks are handed out and the output is being written.</summary>
    Stopping,

    /// <summary>Stopped by the requester; the output holds what was labeled.</summary>
    Stopped,

    /// <summary>Every object is labeled or failed.</summary>
    Completed,

    /// <summary>The job could not run (for example, no valid line in the manifest).</summary>
    Failed,
}
