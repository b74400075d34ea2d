using GroundTruth.Core.Review;
using GroundTruth.Core.Validation;
using GroundTruth.Core.Workforce;

namespace GroundTruth.Core.Jobs;

/// <summary>What a requester asks for when creating a job, before anything is stored.</summary>
public sealed record JobSpec
{
    /// <summary>Most seconds a task time limit may be for image and text tasks (8 hours).</summary>
    public const int MaxTaskTimeLimitSeconds = 28_800;

    /// <summary>Most seconds an object may wait to be picked up (30 days).</summary>
    public const int MaxAvailabilityLifetimeSeconds = 2_592_000;

    /// <summary>The job name.</summary>
    public required string Name { get; init; }

    /// <summary>The output manifest key for the labels.</summary>
    public required string LabelAttributeName { get; init; }

    /// <summary>What workers do.</summary>
    public TaskType TaskType { get; init; }

    /// <summary>The label categories.</summary>
    public required IReadOnlyList<LabelCategory> Labels { get; init; }

    /// <summary>Short instructions shown beside each task.</summary>
    public string ShortInstructions { get; init; } = "";

    /// <summary>Full instructions shown in a dialog.</summary>
    public string FullInstructions { get; init; } = "";

    /// <summary>Storage keys of images showing good labeling.</summary>
    public IReadOnlyList<string> GoodExampleKeys { get; init; } = [];

    /// <summary>Storage keys of images showing bad labeling.</summary>
    public IReadOnlyList<string> BadExampleKeys { get; init; } = [];

    /// <summary>
    /// The input manifest key holding an earlier job's labels: entities to start from (named entity recognition,
    /// optional), or the shapes workers verify or adjust (required by verification and adjustment types).
    /// </summary>
    public string? PreAnnotationsAttribute { get; init; }

    /// <summary>The work team.</summary>
    public Guid WorkTeamId { get; init; }

    /// <summary>
    /// The kind of the chosen work team. The portal sets it from the stored team, so a client cannot dodge the
    /// public-crowd rules by claiming another kind.
    /// </summary>
    public WorkforceKind Workforce { get; init; } = WorkforceKind.Private;

    /// <summary>For the public crowd: what each worker is paid per task (per answer submitted).</summary>
    public decimal? PricePerTask { get; init; }

    /// <summary>For the public crowd: the requester confirms the data holds no personal or confidential information.</summary>
    public bool NoPersonalDataConfirmed { get; init; }

    /// <summary>Highest price per task a public job may pay.</summary>
    public const decimal MaxPricePerTask = 1_000m;

    /// <summary>Workers per object, 1–9.</summary>
    public int WorkersPerObject { get; init; } = 3;

    /// <summary>Task time limit in seconds, 30–28,800.</summary>
    public int TaskTimeLimitSeconds { get; init; } = 300;

    /// <summary>Task availability lifetime in seconds, 60–2,592,000.</summary>
    public int TaskAvailabilityLifetimeSeconds { get; init; } = 864_000;

    /// <summary>Tasks one worker may hold at once, 1–1,000.</summary>
    public int MaxConcurrentTasksPerWorker { get; init; } = 1;

    /// <summary>Checks every field; an empty list means the spec is valid.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        Add(nameof(Name), JobNaming.ValidateJobName(Name));
        Add(nameof(LabelAttributeName), JobNaming.ValidateLabelAttributeName(LabelAttributeName, TaskType));
        var type = TaskTypes.Get(TaskType);
        if (Labels.Count < type.MinLabels)
        {
            Add(nameof(Labels), $"{type.DisplayName} needs at least {type.MinLabels} labels.");
        }
        else if (Labels.Count > type.MaxLabels)
        {
            Add(nameof(Labels), $"{type.DisplayName} allows at most {type.MaxLabels} labels.");
        }

        errors.AddRange(LabelCategoryConfig.ValidateLabels([.. Labels.Select(l => l.Label)]));
        errors.AddRange(LabelCategory.ValidateShortNames(Labels));
        if (type.Review != ReviewKind.None)
        {
            Add(nameof(PreAnnotationsAttribute), PreAnnotationsAttribute is not { Length: > 0 } reviewed
                ? "Name the label attribute of the earlier job whose labels workers review (e.g. bounding-box)."
                : reviewed == LabelAttributeName
                    ? "The earlier job's label attribute must differ from this job's, or the new labels would overwrite the ones under review."
                    : type.ReviewsMask && !reviewed.EndsWith("-ref", StringComparison.Ordinal)
                        ? "A semantic-segmentation job's label attribute ends in '-ref' (e.g. city-streets-ref); name that attribute."
                        : AttributeProblem(reviewed));
        }
        else if (PreAnnotationsAttribute is { } preAnnotations)
        {
            Add(nameof(PreAnnotationsAttribute), type.WorkerUi != WorkerUi.TextSpans
                ? "Pre-annotations are only used by named entity recognition, verification and adjustment jobs."
                : AttributeProblem(preAnnotations));
        }

        if (WorkTeamId == Guid.Empty)
        {
            Add(nameof(WorkTeamId), "Choose the work team that will label this job.");
        }

        if (Workforce == WorkforceKind.Public)
        {
            Add(nameof(PricePerTask), PricePerTask is not { } price
                ? "Set the price per task the public crowd is paid."
                : price <= 0 || price > MaxPricePerTask || decimal.Round(price, 4) != price
                    ? $"Use a price per task above 0 and at most {MaxPricePerTask:N0}, with at most 4 decimals."
                    : null);
            Add(nameof(NoPersonalDataConfirmed), NoPersonalDataConfirmed
                ? null
                : "Confirm that the data contains no personal or confidential information; only then may it go to the public crowd.");
        }

        Range(nameof(WorkersPerObject), WorkersPerObject, 1, 9, "workers per object");
        Range(nameof(TaskTimeLimitSeconds), TaskTimeLimitSeconds, 30, MaxTaskTimeLimitSeconds, "seconds of task time limit");
        Range(nameof(TaskAvailabilityLifetimeSeconds), TaskAvailabilityLifetimeSeconds, 60, MaxAvailabilityLifetimeSeconds, "seconds of task lifetime");
        Range(nameof(MaxConcurrentTasksPerWorker), MaxConcurrentTasksPerWorker, 1, 1000, "concurrent tasks per worker");
        return errors;

        void Add(string field, string? message)
        {
            if (message is not null)
            {
                errors.Add(new FieldError(field, message));
            }
        }

        static string? AttributeProblem(string name) =>
            name.Length > JobNaming.MaxLabelAttributeNameLength || name.Trim() != name
                ? $"Use 1–{JobNaming.MaxLabelAttributeNameLength} characters without surrounding spaces for the pre-annotations key."
                : null;

        void Range(string field, int value, int min, int max, string what)
        {
            if (value < min || value > max)
            {
                Add(field, $"Use {min:N0}–{max:N0} {what}; {value:N0} is out of range.");
            }
        }
    }
}
