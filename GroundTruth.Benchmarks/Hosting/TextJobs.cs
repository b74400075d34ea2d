using GroundTruth.Core.Jobs;

namespace GroundTruth.Benchmarks.Hosting;

/// <summary>The text-classification job every benchmark uses, and a requester and team to own it.</summary>
internal static class TextJobs
{
    public const string LabelAttributeName = "sentiment";

    public static IReadOnlyList<LabelCategory> Labels { get; } = [new("positive"), new("negative"), new("neutral")];

    /// <summary>A job whose leases outlast any run (no expiry during a benchmark) and whose objects stay available for 10 days.</summary>
    public static JobSpec Spec(string name, Guid teamId, int workersPerObject) => new()
    {
        Name = name,
        LabelAttributeName = LabelAttributeName,
        TaskType = TaskType.TextClassification,
        Labels = Labels,
        ShortInstructions = "Pick the sentiment of the review.",
        WorkTeamId = teamId,
        WorkersPerObject = workersPerObject,
        TaskTimeLimitSeconds = JobSpec.MaxTaskTimeLimitSeconds,
        MaxConcurrentTasksPerWorker = 1,
    };
}
