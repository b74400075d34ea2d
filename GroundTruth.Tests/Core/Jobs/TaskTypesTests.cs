using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Jobs;

public class TaskTypesTests
{
    [Theory]
    [InlineData(TaskType.ImageClassification, "groundtruth/image-classification", DataKind.Image, false, "crowd-image-classifier")]
    [InlineData(TaskType.ImageMultiLabelClassification, "groundtruth/image-classification-multilabel", DataKind.Image, true, "crowd-image-classifier-multi-select")]
    [InlineData(TaskType.TextClassification, "groundtruth/text-classification", DataKind.Text, false, "crowd-classifier")]
    [InlineData(TaskType.TextMultiLabelClassification, "groundtruth/text-classification-multilabel", DataKind.Text, true, "crowd-classifier-multi-select")]
    public void Get_EachType_DescribesGroundTruthOutputAndCrowdElement(TaskType type, string outputType, DataKind kind, bool multiLabel, string element)
    {
        var descriptor = TaskTypes.Get(type);

        Assert.Equal(
            (type, outputType, kind, multiLabel, element, false),
            (descriptor.Type, descriptor.OutputType, descriptor.DataKind, descriptor.IsMultiLabel, descriptor.CrowdElement, descriptor.LabelAttributeNeedsRef));
    }

    [Fact]
    public void Get_SemanticSegmentation_IsAnImageCanvasTaskWritingARefAttribute()
    {
        var descriptor = TaskTypes.Get(TaskType.SemanticSegmentation);

        Assert.Equal(
            ("groundtruth/semantic-segmentation", DataKind.Image, "crowd-semantic-segmentation", true, WorkerUi.ImageCanvas, 3),
            (descriptor.OutputType, descriptor.DataKind, descriptor.CrowdElement, descriptor.LabelAttributeNeedsRef, descriptor.WorkerUi, descriptor.DefaultWorkersPerObject));
    }

    [Theory]
    [InlineData(TaskType.SemanticSegmentationVerification, "groundtruth/label-verification", "crowd-image-classifier", false, WorkerUi.LabelVerification)]
    [InlineData(TaskType.SemanticSegmentationAdjustment, "groundtruth/semantic-segmentation", "crowd-semantic-segmentation", true, WorkerUi.ImageCanvas)]
    public void Get_SegmentationReview_ReviewsAMaskAndOnlyAdjustmentWritesARef(TaskType type, string outputType, string element, bool needsRef, WorkerUi ui)
    {
        var descriptor = TaskTypes.Get(type);

        Assert.Equal(
            (outputType, element, needsRef, ui, true, null, needsRef),
            (descriptor.OutputType, descriptor.CrowdElement, descriptor.LabelAttributeNeedsRef, descriptor.WorkerUi, descriptor.ReviewsMask, descriptor.ReviewedShape, descriptor.PaintsMask));
    }

    [Fact]
    public void All_Enumerated_ListsEveryTaskTypeOnceInEnumOrder()
    {
        Assert.Equal(Enum.GetValues<TaskType>(), TaskTypes.All.Select(d => d.Type));
    }

    [Fact]
    public void Get_UnknownValue_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => TaskTypes.Get((TaskType)99));
    }
}
