using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class ConsolidatorsTests
{
    [Theory]
    [InlineData(TaskType.ImageClassification, "majority-vote")]
    [InlineData(TaskType.TextClassification, "majority-vote")]
    [InlineData(TaskType.ImageMultiLabelClassification, "multi-label-vote")]
    [InlineData(TaskType.TextMultiLabelClassification, "multi-label-vote")]
    [InlineData(TaskType.NamedEntityRecognition, "span-exact-match-vote")]
    [InlineData(TaskType.BoundingBox, "box-fusion")]
    [InlineData(TaskType.Polygon, "best-agreement")]
    [InlineData(TaskType.Polyline, "best-agreement")]
    [InlineData(TaskType.Keypoint, "best-agreement")]
    [InlineData(TaskType.BoundingBoxVerification, "majority-vote")]
    [InlineData(TaskType.PolygonVerification, "majority-vote")]
    [InlineData(TaskType.BoundingBoxAdjustment, "box-fusion")]
    [InlineData(TaskType.PolygonAdjustment, "best-agreement")]
    public void For_EachTaskType_PicksVoteForItsLabelCount(TaskType type, string name)
    {
        Assert.Equal(name, Consolidators.For(type).Name);
    }
}
