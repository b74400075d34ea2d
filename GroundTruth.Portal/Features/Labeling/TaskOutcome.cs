namespace GroundTruth.Portal.Features.Labeling;

public enum TaskOutcomeKind
{
    Accepted,
    AlreadySubmitted,
    NotFound,
    Expired,
    Invalid,
}

/// <summary>What happened to a submit, decline or release, with a message a worker can act on.</summary>
public sealed record TaskOutcome(TaskOutcomeKind Kind, string Message)
{
    public bool Succeeded => Kind is TaskOutcomeKind.Accepted or TaskOutcomeKind.AlreadySubmitted;

    public static readonly TaskOutcome NotFound = new(TaskOutcomeKind.NotFound, "This task does not exist or is not assigned to you.");
}
