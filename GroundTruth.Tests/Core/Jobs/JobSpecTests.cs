using GroundTruth.Core.Jobs;
using GroundTruth.Core.Validation;

namespace GroundTruth.Tests.Core.Jobs;

public class JobSpecTests
{
    private static readonly Guid TeamId = new("0b6e7c1a-3f7d-4d8e-9a51-2f1e8c4b9d20");

    [Fact]
    public void Validate_ValidSpecWithDefaults_ReturnsNoErrors()
    {
        Assert.Empty(Valid().Validate());
    }

    [Fact]
    public void Constructor_OptionalFieldsOmitted_UsesDocumentedDefaults()
    {
        var spec = Valid();

        Assert.Equal(
            (TaskType.ImageClassification, 3, 300, 864_000, 1, "", ""),
            (spec.TaskType, spec.WorkersPerObject, spec.TaskTimeLimitSeconds, spec.TaskAvailabilityLifetimeSeconds, spec.MaxConcurrentTasksPerWorker, spec.ShortInstructions, spec.FullInstructions));
    }

    [Fact]
    public void Validate_PublicCrowdWithoutPrice_ReportsPricePerTask()
    {
        Assert.Equal(
            [new FieldError("PricePerTask", "Set the price per task the public crowd is paid.")],
            (Valid() with { Workforce = GroundTruth.Core.Workforce.WorkforceKind.Public, NoPersonalDataConfirmed = true }).Validate());
    }

    [Fact]
    public void Validate_PublicCrowdWithoutConfirmation_ReportsTheConfirmation()
    {
        Assert.Equal(
            [new FieldError("NoPersonalDataConfirmed", "Confirm that the data contains no personal or confidential information; only then may it go to the public crowd.")],
            (Valid() with { Workforce = GroundTruth.Core.Workforce.WorkforceKind.Public, PricePerTask = 0.05m }).Validate());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("0.00001")]
    [InlineData("1000.01")]
    public void Validate_PublicCrowdPriceOutOfRange_ReportsPricePerTask(string price)
    {
        var errors = (Valid() with { Workforce = GroundTruth.Core.Workforce.WorkforceKind.Public, PricePerTask = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), NoPersonalDataConfirmed = true }).Validate();

        Assert.Equal("PricePerTask", Assert.Single(errors).Field);
    }

    [Fact]
    public void Validate_PublicCrowdWithPriceAndConfirmation_IsValid()
    {
        Assert.Empty((Valid() with { Workforce = GroundTruth.Core.Workforce.WorkforceKind.Public, PricePerTask = 0.05m, NoPersonalDataConfirmed = true }).Validate());
    }

    [Fact]
    public void Validate_PrivateTeamWithoutPrice_IsValid()
    {
        Assert.Empty((Valid() with { Workforce = GroundTruth.Core.Workforce.WorkforceKind.Private }).Validate());
    }

    [Fact]
    public void Validate_BadName_ReportsNameField()
    {
        Assert.Equal(
            [new FieldError("Name", "Enter a job name.")],
            (Valid() with { Name = "" }).Validate());
    }

    [Fact]
    public void Validate_BadLabelAttributeName_ReportsItsField()
    {
        Assert.Equal(
            [new FieldError("LabelAttributeName", "A label attribute name must not end in '-metadata'; Ground Truth adds that suffix for the metadata key.")],
            (Valid() with { LabelAttributeName = "species-metadata" }).Validate());
    }

    [Fact]
    public void Validate_LabelAttributeNameEndingInRef_CheckedAgainstTaskType()
    {
        Assert.Equal(
            [new FieldError("LabelAttributeName", "For this task type the label attribute name must not end in '-ref' (only semantic segmentation and its adjustment use '-ref'; its verification does not).")],
            (Valid(TaskType.TextMultiLabelClassification) with { LabelAttributeName = "species-ref" }).Validate());
    }

    [Theory]
    [InlineData(TaskType.ImageClassification, "Image classification (single label)", 2, 1000)]
    [InlineData(TaskType.ImageMultiLabelClassification, "Image classification (multi-label)", 2, 50)]
    [InlineData(TaskType.TextClassification, "Text classification (single label)", 2, 1000)]
    [InlineData(TaskType.TextMultiLabelClassification, "Text classification (multi-label)", 2, 50)]
    [InlineData(TaskType.NamedEntityRecognition, "Named entity recognition", 1, 1000)]
    public void Validate_LabelCountAtTheLimits_ReturnsNoErrors(TaskType type, string displayName, int min, int max)
    {
        Assert.Empty((Valid(type) with { Labels = Labels(min) }).Validate());
        Assert.Empty((Valid(type) with { Labels = Labels(max) }).Validate());
        Assert.Equal((displayName, min, max), (TaskTypes.Get(type).DisplayName, TaskTypes.Get(type).MinLabels, TaskTypes.Get(type).MaxLabels));
    }

    [Theory]
    [InlineData(TaskType.ImageClassification, "Image classification (single label) needs at least 2 labels.")]
    [InlineData(TaskType.ImageMultiLabelClassification, "Image classification (multi-label) needs at least 2 labels.")]
    [InlineData(TaskType.TextClassification, "Text classification (single label) needs at least 2 labels.")]
    [InlineData(TaskType.TextMultiLabelClassification, "Text classification (multi-label) needs at least 2 labels.")]
    public void Validate_TooFewLabels_ReportsMinimumForTaskType(TaskType type, string message)
    {
        Assert.Equal([new FieldError("Labels", message)], (Valid(type) with { Labels = Labels(1) }).Validate());
        Assert.Equal([new FieldError("Labels", message)], (Valid(type) with { Labels = [] }).Validate());
    }

    [Theory]
    [InlineData(TaskType.ImageClassification, 1001, "Image classification (single label) allows at most 1000 labels.")]
    [InlineData(TaskType.ImageMultiLabelClassification, 51, "Image classification (multi-label) allows at most 50 labels.")]
    [InlineData(TaskType.TextClassification, 1001, "Text classification (single label) allows at most 1000 labels.")]
    [InlineData(TaskType.TextMultiLabelClassification, 51, "Text classification (multi-label) allows at most 50 labels.")]
    public void Validate_TooManyLabels_ReportsMaximumForTaskType(TaskType type, int count, string message)
    {
        Assert.Equal([new FieldError("Labels", message)], (Valid(type) with { Labels = Labels(count) }).Validate());
    }

    [Fact]
    public void Validate_InvalidAndDuplicateLabels_ReportsEachByIndex()
    {
        var spec = Valid() with { Labels = [new("cat"), new("dog "), new("cat")] };

        Assert.Equal(
            [new("labels[1]", "Label 'dog' has spaces at its start or end."), new FieldError("labels[2]", "Label 'cat' appears more than once.")],
            spec.Validate());
    }

    [Fact]
    public void Validate_NoWorkTeam_AsksForOne()
    {
        Assert.Equal(
            [new FieldError("WorkTeamId", "Choose the work team that will label this job.")],
            (Valid() with { WorkTeamId = Guid.Empty }).Validate());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void Validate_WorkersPerObjectInRange_ReturnsNoErrors(int workers)
    {
        Assert.Empty((Valid() with { WorkersPerObject = workers }).Validate());
    }

    [Theory]
    [InlineData(0, "Use 1–9 workers per object; 0 is out of range.")]
    [InlineData(10, "Use 1–9 workers per object; 10 is out of range.")]
    [InlineData(-1, "Use 1–9 workers per object; -1 is out of range.")]
    public void Validate_WorkersPerObjectOutOfRange_ReportsRange(int workers, string message)
    {
        Assert.Equal([new FieldError("WorkersPerObject", message)], (Valid() with { WorkersPerObject = workers }).Validate());
    }

    [Theory]
    [InlineData(30)]
    [InlineData(28_800)]
    public void Validate_TaskTimeLimitInRange_ReturnsNoErrors(int seconds)
    {
        Assert.Empty((Valid() with { TaskTimeLimitSeconds = seconds }).Validate());
    }

    [Theory]
    [InlineData(29, "Use 30–28,800 seconds of task time limit; 29 is out of range.")]
    [InlineData(28_801, "Use 30–28,800 seconds of task time limit; 28,801 is out of range.")]
    [InlineData(0, "Use 30–28,800 seconds of task time limit; 0 is out of range.")]
    public void Validate_TaskTimeLimitOutOfRange_ReportsRange(int seconds, string message)
    {
        Assert.Equal([new FieldError("TaskTimeLimitSeconds", message)], (Valid() with { TaskTimeLimitSeconds = seconds }).Validate());
    }

    [Theory]
    [InlineData(60)]
    [InlineData(2_592_000)]
    public void Validate_AvailabilityLifetimeInRange_ReturnsNoErrors(int seconds)
    {
        Assert.Empty((Valid() with { TaskAvailabilityLifetimeSeconds = seconds }).Validate());
    }

    [Theory]
    [InlineData(59, "Use 60–2,592,000 seconds of task lifetime; 59 is out of range.")]
    [InlineData(2_592_001, "Use 60–2,592,000 seconds of task lifetime; 2,592,001 is out of range.")]
    public void Validate_AvailabilityLifetimeOutOfRange_ReportsRange(int seconds, string message)
    {
        Assert.Equal(
            [new FieldError("TaskAvailabilityLifetimeSeconds", message)],
            (Valid() with { TaskAvailabilityLifetimeSeconds = seconds }).Validate());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Validate_MaxConcurrentTasksInRange_ReturnsNoErrors(int tasks)
    {
        Assert.Empty((Valid() with { MaxConcurrentTasksPerWorker = tasks }).Validate());
    }

    [Theory]
    [InlineData(0, "Use 1–1,000 concurrent tasks per worker; 0 is out of range.")]
    [InlineData(1001, "Use 1–1,000 concurrent tasks per worker; 1,001 is out of range.")]
    public void Validate_MaxConcurrentTasksOutOfRange_ReportsRange(int tasks, string message)
    {
        Assert.Equal(
            [new FieldError("MaxConcurrentTasksPerWorker", message)],
            (Valid() with { MaxConcurrentTasksPerWorker = tasks }).Validate());
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEveryFieldInFormOrder()
    {
        // Arrange
        var spec = new JobSpec
        {
            Name = "-bad",
            LabelAttributeName = "source",
            TaskType = TaskType.TextClassification,
            Labels = [new("")],
            WorkTeamId = Guid.Empty,
            WorkersPerObject = 0,
            TaskTimeLimitSeconds = 0,
            TaskAvailabilityLifetimeSeconds = 0,
            MaxConcurrentTasksPerWorker = 0,
        };

        // Act
        var errors = spec.Validate();

        // Assert
        Assert.Equal(
            ["Name", "LabelAttributeName", "Labels", "labels[0]", "WorkTeamId", "WorkersPerObject", "TaskTimeLimitSeconds", "TaskAvailabilityLifetimeSeconds", "MaxConcurrentTasksPerWorker"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_ShortNameTooLongOrRepeated_ReportsTheLabel()
    {
        var spec = Valid(TaskType.NamedEntityRecognition) with
        {
            Labels = [new("person", "per"), new("place", "per"), new("thing", "a-very-long-short-name")],
        };

        Assert.Equal(
            [
                new FieldError("labels[1]", "Short name 'per' is used by two labels."),
                new FieldError("labels[2]", "Short name 'a-very-long-short-name' of 'thing' must have 1–16 characters."),
            ],
            spec.Validate());
    }

    [Fact]
    public void Validate_PreAnnotationsOnClassification_Refused()
    {
        Assert.Equal(
            [new FieldError("PreAnnotationsAttribute", "Pre-annotations are only used by named entity recognition, verification and adjustment jobs.")],
            (Valid() with { PreAnnotationsAttribute = "prior" }).Validate());
    }

    [Fact]
    public void Validate_PreAnnotationsOnNer_Accepted()
    {
        Assert.Empty((Valid(TaskType.NamedEntityRecognition) with { PreAnnotationsAttribute = "prior" }).Validate());
    }

    [Theory]
    [InlineData(null, "Name the label attribute of the earlier job whose labels workers review (e.g. bounding-box).")]
    [InlineData("species", "The earlier job's label attribute must differ from this job's, or the new labels would overwrite the ones under review.")]
    [InlineData("boxes", null)]
    public void Validate_ReviewJob_NeedsTheEarlierAttributeDistinctFromItsOwn(string? reviewed, string? expected)
    {
        var spec = Valid(TaskType.BoundingBoxVerification) with { PreAnnotationsAttribute = reviewed };

        Assert.Equal(expected is null ? [] : [new FieldError("PreAnnotationsAttribute", expected)], spec.Validate());
    }

    private static JobSpec Valid(TaskType type = TaskType.ImageClassification) => new()
    {
        Name = "birds-2026-11",
        LabelAttributeName = "species",
        TaskType = type,
        Labels = [new("cat"), new("dog")],
        WorkTeamId = TeamId,
    };

    private static LabelCategory[] Labels(int count) => [.. Enumerable.Range(0, count).Select(i => new LabelCategory($"label-{i}"))];

    [Theory]
    [InlineData(TaskType.SemanticSegmentationVerification, "regions-ok", "regions", "A semantic-segmentation job's label attribute ends in '-ref' (e.g. city-streets-ref); name that attribute.")]
    [InlineData(TaskType.SemanticSegmentationVerification, "regions-ok", "regions-ref", null)]
    [InlineData(TaskType.SemanticSegmentationVerification, "regions-ok-ref", "regions-ref", "For this task type the label attribute name must not end in '-ref' (only semantic segmentation and its adjustment use '-ref'; its verification does not).")]
    [InlineData(TaskType.SemanticSegmentationAdjustment, "regions-fixed-ref", "regions-ref", null)]
    public void Validate_SegmentationReview_EarlierAttributeIsARefAndOnlyAdjustmentWritesOne(TaskType type, string attribute, string earlier, string? expected)
    {
        var labels = type == TaskType.SemanticSegmentationVerification ? new LabelCategory[] { new("Correct"), new("Incorrect") } : [new("sky")];
        var errors = (Valid() with { TaskType = type, LabelAttributeName = attribute, PreAnnotationsAttribute = earlier, Labels = labels }).Validate();

        Assert.Equal(expected, errors.Select(e => e.Message).SingleOrDefault());
    }
}
