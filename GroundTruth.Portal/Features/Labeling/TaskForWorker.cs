using GroundTruth.Core.Jobs;

namespace GroundTruth.Portal.Features.Labeling;

public sealed record TaskForWorker(
    long TaskId,
    Guid JobId,
    string JobName,
    TaskType TaskType,
    IReadOnlyList<LabelCategory> Labels,
    string ShortInstructions,
    string FullInstructions,
    IReadOnlyList<string> GoodExampleKeys,
    IReadOnlyList<string> BadExampleKeys,
    long DataObjectId,
    string? Text,
    int? Width,
    int? Height,
    DateTimeOffset AcceptedAt,
    DateTimeOffset LeaseExpiresAt)
{
    /// <summary>The data object's input line, for tools that show earlier labels (verification, adjustment, pre-annotations).</summary>
    public string ManifestLine { get; init; } = "{}";

    /// <summary>For named-entity adjustment jobs, the manifest key holding the entities to start from.</summary>
    public string? PreAnnotationsAttribute { get; init; }

    /// <summary>
    /// For verification and adjustment tasks, the earlier job's shapes in the crowd element's output shape
    /// (<c>{"boundingBoxes":[…]}</c>, <c>{"polygons":[…]}</c>), or for masks <c>crowd-semantic-segmentation</c>'s
    /// initial value <c>{"labelMappings":{…},"src":signed URL}</c>; <c>null</c> for other tasks.
    /// </summary>
    public string? EarlierLabelsJson { get; init; }

    /// <summary>The worker's saved work in progress, if any.</summary>
    public string? DraftJson { get; init; }

    public bool IsMultiLabel => TaskTypes.Get(TaskType).IsMultiLabel;

    /// <summary>A short-lived signed URL for the image or text, good only for this worker while the task is theirs.</summary>
    public string ContentUrl { get; init; } = "";
}

public sealed record AvailableJob(Guid JobId, string JobName, TaskType TaskType, string ShortInstructions, int AvailableTasks, long? ActiveTaskId);
