using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Jobs;

public class LabelingJobTests
{
    [Fact]
    public void Counters_StoredCounts_DerivesEachCounter()
    {
        var job = NewJob();
        job.TotalObjects = 10;
        job.HumanLabeled = 4;
        job.MachineLabeled = 1;
        job.FailedNonRetryableError = 2;

        Assert.Equal(new LabelCounters(TotalLabeled: 5, HumanLabeled: 4, MachineLabeled: 1, FailedNonRetryableError: 2, Unlabeled: 3), job.Counters);
    }

    [Fact]
    public void Counters_MoreFinishedThanImported_UnlabeledIsZero()
    {
        var job = NewJob();
        job.TotalObjects = 2;
        job.HumanLabeled = 3;

        Assert.Equal(0, job.Counters.Unlabeled);
    }

    [Theory]
    [InlineData(JobStatus.Initializing, false)]
    [InlineData(JobStatus.InProgress, true)]
    [InlineData(JobStatus.Stopping, false)]
    [InlineData(JobStatus.Stopped, false)]
    [InlineData(JobStatus.Completed, false)]
    [InlineData(JobStatus.Failed, false)]
    public void AcceptsWork_EachStatus_TrueOnlyInProgress(JobStatus status, bool accepts)
    {
        var job = NewJob();
        job.Status = status;

        Assert.Equal(accepts, job.AcceptsWork);
    }

    [Fact]
    public void Descriptor_TaskTypeSet_FollowsIt()
    {
        var job = NewJob();
        job.TaskType = TaskType.TextMultiLabelClassification;

        Assert.Equal("groundtruth/text-classification-multilabel", job.Descriptor.OutputType);
    }

    [Fact]
    public void Status_NewJob_IsInitializing()
    {
        Assert.Equal(JobStatus.Initializing, NewJob().Status);
    }

    private static LabelingJob NewJob() => new() { Name = "birds", LabelAttributeName = "species", RequesterId = "requester-1" };
}
