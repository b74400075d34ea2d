namespace GroundTruth.Core.Jobs;

/// <summary>DescribeLabelingJob's <c>LabelCounters</c>.</summary>
/// <param name="TotalLabeled">Objects labeled by humans or machines.</param>
/// <param name="HumanLabeled">Objects labeled by humans.</param>
/// <param name="MachineLabeled">Objects labeled by automated labeling.</param>
/// <param name="FailedNonRetryableError">Objects that could not be labeled: an image missing, too large or undecodable at import, not picked up in time, declined by all workers, or no readable answer.</param>
/// <param name="Unlabeled">Objects still waiting for a label.</param>
public sealed record LabelCounters(int TotalLabeled, int HumanLabeled, int MachineLabeled, int FailedNonRetryableError, int Unlabeled)
{
    /// <summary>Every object the job holds.</summary>
    public int Total => TotalLabeled + FailedNonRetryableError + Unlabeled;

    /// <summary>Share of objects that are finished (labeled or failed), 0–1; 0 for an empty job.</summary>
    public double Progress => Total == 0 ? 0 : (double)(TotalLabeled + FailedNonRetryableError) / Total;
}
