using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Jobs;

public class LabelCountersTests
{
    [Fact]
    public void Total_MixedCounts_AddsLabeledFailedAndUnlabeled()
    {
        var counters = new LabelCounters(TotalLabeled: 7, HumanLabeled: 5, MachineLabeled: 2, FailedNonRetryableError: 1, Unlabeled: 4);

        Assert.Equal(12, counters.Total);
    }

    [Fact]
    public void Progress_SomeFailed_CountsFailedAsFinished()
    {
        var counters = new LabelCounters(6, 6, 0, 2, 8);

        Assert.Equal(0.5, counters.Progress);
    }

    [Fact]
    public void Progress_EmptyJob_IsZero()
    {
        Assert.Equal(0, new LabelCounters(0, 0, 0, 0, 0).Progress);
    }
}
