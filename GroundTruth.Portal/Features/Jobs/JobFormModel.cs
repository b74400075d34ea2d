using GroundTruth.Core.Jobs;

namespace GroundTruth.Portal.Features.Jobs;

public enum JobInputMode
{
    Manifest,
    Files,
}

/// <summary>What the job form binds to; <see cref="ToSpec"/> turns it into the Core's <see cref="JobSpec"/>.</summary>
public sealed class JobFormModel
{
    public string Name { get; set; } = "";

    public string LabelAttributeName { get; set; } = "label";

    public TaskType TaskType { get; set; } = TaskType.ImageClassification;

    /// <summary>One label per line; for named entity recognition, <c>label | short name</c>.</summary>
    public string LabelsText { get; set; } = "";

    /// <summary>The manifest key holding an earlier job's labels: entities to start from (NER), shapes to verify or adjust.</summary>
    public string PreAnnotationsAttribute { get; set; } = "";

    public string ShortInstructions { get; set; } = "";

    public string FullInstructions { get; set; } = "";

    public Guid? WorkTeamId { get; set; }

    /// <summary>For the public crowd: what each task pays.</summary>
    public decimal? PricePerTask { get; set; }

    /// <summary>For the public crowd: the requester's confirmation that the data holds no personal or confidential information.</summary>
    public bool NoPersonalDataConfirmed { get; set; }

    public int WorkersPerObject { get; set; } = 3;

    public int TaskTimeLimitSeconds { get; set; } = 300;

    public int TaskAvailabilityLifetimeHours { get; set; } = 240;

    public int MaxConcurrentTasksPerWorker { get; set; } = 1;

    public JobInputMode InputMode { get; set; } = JobInputMode.Manifest;

    public bool UsesShortNames => TaskTypes.Get(TaskType).WorkerUi == WorkerUi.TextSpans;

    /// <summary>Whether workers verify or adjust an earlier job's labels, named by <see cref="PreAnnotationsAttribute"/>.</summary>
    public bool ReviewsEarlierLabels => TaskTypes.Get(TaskType).Review != Core.Review.ReviewKind.None;

    public IReadOnlyList<LabelCategory> LabelCategories =>
        [.. LabelsText.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)
            .Select(l => UsesShortNames ? LabelCategory.ParseLine(l) : new LabelCategory(l))];

    public IReadOnlyList<string> Labels => [.. LabelCategories.Select(l => l.Label)];

    public JobSpec ToSpec(IReadOnlyList<string> goodExamples, IReadOnlyList<string> badExamples) => new()
    {
        Name = Name.Trim(),
        LabelAttributeName = LabelAttributeName.Trim(),
        TaskType = TaskType,
        Labels = LabelCategories,
        PreAnnotationsAttribute = (UsesShortNames || ReviewsEarlierLabels) && PreAnnotationsAttribute.Trim().Length > 0 ? PreAnnotationsAttribute.Trim() : null,
        ShortInstructions = ShortInstructions,
        FullInstructions = FullInstructions,
        GoodExampleKeys = goodExamples,
        BadExampleKeys = badExamples,
        WorkTeamId = WorkTeamId ?? Guid.Empty,
        PricePerTask = PricePerTask,
        NoPersonalDataConfirmed = NoPersonalDataConfirmed,
        WorkersPerObject = WorkersPerObject,
        TaskTimeLimitSeconds = TaskTimeLimitSeconds,
        TaskAvailabilityLifetimeSeconds = (int)Math.Min(int.MaxValue, TaskAvailabilityLifetimeHours * 3600L),
        MaxConcurrentTasksPerWorker = MaxConcurrentTasksPerWorker,
    };
}
