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
    [InlineData(TaskType.NamedEntityRecognition, "span-clusters")]
    [InlineData(TaskType.BoundingBox, "box-fusion")]
    [InlineData(TaskType.Polygon, "polygon-fusion")]
    [InlineData(TaskType.Polyline, "polyline-medoid")]
    [InlineData(TaskType.Keypoint, "keypoint-median")]
    [InlineData(TaskType.BoundingBoxVerification, "majority-vote")]
    [InlineData(TaskType.PolygonVerification, "majority-vote")]
    [InlineData(TaskType.BoundingBoxAdjustment, "box-fusion")]
    [InlineData(TaskType.PolygonAdjustment, "polygon-fusion")]
    [InlineData(TaskType.SemanticSegmentationVerification, "majority-vote")]
    public void For_EachTaskType_PicksVoteForItsLabelCount(TaskType type, string name)
    {
        Assert.Equal(name, Consolidators.For(type).Name);
    }

    [Fact]
    public void For_SemanticSegmentation_RefusesBecauseMasksAreConsolidatedFromStorage()
    {
        Assert.Throws<NotSupportedException>(() => Consolidators.For(TaskType.SemanticSegmentation));
        Assert.Throws<NotSupportedException>(() => Consolidators.For(TaskType.SemanticSegmentationAdjustment));
    }
}
