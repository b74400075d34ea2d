namespace GroundTruth.Core.Assignment;

/// <summary>A submitted answer, as Ground Truth keeps it in <c>annotations/worker-response/</c>.</summary>
public sealed class WorkerResponse
{
    /// <summary>Database identity.</summary>
    public long Id { get; set; }

    /// <summary>The assignment answered; one response per assignment.</summary>
    public long AssignmentId { get; set; }

    /// <summary>The job.</summary>
    public Guid JobId { get; set; }

    /// <summary>The data object.</summary>
    public long DataObjectId { get; set; }

    /// <summary>The worker's user id.</summary>
    public required string WorkerId { get; set; }

    /// <summary>The crowd-form output object as JSON (<c>answerContent</c>).</summary>
    public required string AnswerContent { get; set; }

    /// <summary>When the worker accepted the task (<c>acceptanceTime</c>).</summary>
    public DateTimeOffset AcceptanceTime { get; set; }

    /// <summary>When the worker submitted (<c>submissionTime</c>).</summary>
    public DateTimeOffset SubmissionTime { get; set; }

    /// <summary>Seconds between accepting and submitting (<c>timeSpentInSeconds</c>).</summary>
    public double TimeSpentSeconds { get; set; }
}
