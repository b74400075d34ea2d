using Bunit;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Tests.TestSupport;

namespace GroundTruth.Tests.Portal.Features.Jobs;

public sealed class JobFormTests : PortalTestContext
{
    private static readonly TeamOption Team = new(Guid.NewGuid(), "labelers", 3);

    private static readonly TeamOption Crowd = new(Guid.NewGuid(), "Public crowd", 40) { Kind = GroundTruth.Core.Workforce.WorkforceKind.Public };

    private static readonly TeamOption Vendor = new(Guid.NewGuid(), "Acme", 5)
    {
        Kind = GroundTruth.Core.Workforce.WorkforceKind.Vendor, PricePerObject = 0.25m, Currency = "USD", Capabilities = [TaskType.ImageClassification],
    };

    private IRenderedComponent<JobForm> RenderForm(JobFormModel model, Func<string, Task<bool>>? isNameTaken = null, Action<JobFormSubmission>? onSubmit = null) =>
        Render<JobForm>(p => p
            .Add(f => f.Model, model)
            .Add(f => f.Teams, [Team, Vendor, Crowd])
            .Add(f => f.IsNameTaken, isNameTaken ?? (_ => Task.FromResult(false)))
            .Add(f => f.OnSubmit, s => onSubmit?.Invoke(s)));

    private static string Errors(IRenderedComponent<JobForm> cut) =>
        string.Join(" | ", cut.FindAll(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()));

    [Fact]
    public void JobName_WithSpacesTyped_ShowsNamingRuleAsYouType()
    {
        var cut = RenderForm(new JobFormModel());

        cut.Find("#job-name").Input("my job!");

        cut.WaitForAssertion(() => Assert.Contains("letters, digits and hyphens", Errors(cut), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void JobName_AlreadyTaken_ShowsItExists()
    {
        var cut = RenderForm(new JobFormModel(), name => Task.FromResult(name == "birds"));

        cut.Find("#job-name").Input("birds");

        cut.WaitForAssertion(() => Assert.Contains("A job named 'birds' already exists.", Errors(cut)));
    }

    [Fact]
    public void LabelAttribute_EndingInMetadata_ShowsGroundTruthRule()
    {
        var cut = RenderForm(new JobFormModel());

        cut.Find("#job-attribute").Input("label-metadata");

        cut.WaitForAssertion(() => Assert.Contains("must not end in '-metadata'", Errors(cut)));
    }

    [Fact]
    public void Labels_WithHtmlOnSecondLine_ShowsLineAndReason()
    {
        var cut = RenderForm(new JobFormModel());

        cut.Find("#job-labels").Input("cat\n<b>dog</b>");

        cut.WaitForAssertion(() => Assert.Contains("Line 2: Label '<b>dog</b>' contains '<' or '>'", Errors(cut)));
    }

    [Fact]
    public void Labels_OnlyOne_AsksForTwo()
    {
        var cut = RenderForm(new JobFormModel());

        cut.Find("#job-labels").Input("cat");

        cut.WaitForAssertion(() => Assert.Contains("Enter at least 2 labels", Errors(cut)));
    }

    [Fact]
    public void Submit_WithoutManifestOrTeam_DoesNotSubmitAndSaysWhy()
    {
        var submitted = false;
        var cut = RenderForm(new JobFormModel { Name = "ok-job", LabelsText = "a\nb" }, onSubmit: _ => submitted = true);

        cut.Find("[data-testid=create-job]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Choose the input manifest file.", cut.Find("[data-testid=input-error]").TextContent));
        Assert.Contains("Choose a work team.", Errors(cut));
        Assert.False(submitted);
    }

    [Fact]
    public void Submit_PublicCrowdWithoutPriceOrConfirmation_DoesNotSubmitAndNamesBoth()
    {
        var submitted = false;
        var cut = RenderForm(new JobFormModel { Name = "ok-job", LabelsText = "a\nb", WorkTeamId = Crowd.Id }, onSubmit: _ => submitted = true);

        cut.Find("[data-testid=create-job]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Confirm that the data contains no personal or confidential information", cut.Find("[data-testid=confirmation-error]").TextContent));
        Assert.Contains("Set the price per task the public crowd is paid.", Errors(cut));
        Assert.False(submitted);
    }

    [Fact]
    public void Workforce_PrivateTeam_AsksNeitherPriceNorConfirmation()
    {
        var cut = RenderForm(new JobFormModel { WorkTeamId = Team.Id });

        Assert.Empty(cut.FindAll("[data-testid=public-crowd-terms]"));
    }

    [Fact]
    public void Workforce_VendorWithoutTheTaskType_ShowsPriceAndWarns()
    {
        var cut = RenderForm(new JobFormModel { WorkTeamId = Vendor.Id, TaskType = TaskType.TextClassification });

        Assert.Equal("Acme charges 0.25 USD per object labeled; the price is fixed on the job when you create it.", cut.Find("[data-testid=vendor-price]").TextContent.Trim());
        Assert.Contains("Acme does not take Text classification (single label) jobs.", cut.Find("[data-testid=vendor-capability]").TextContent);
    }

    [Fact]
    public void Model_ToSpec_CarriesEveryField()
    {
        var model = new JobFormModel
        {
            Name = " birds ",
            LabelAttributeName = "species",
            TaskType = TaskType.TextMultiLabelClassification,
            LabelsText = "a\r\n\n b \nc",
            WorkTeamId = Team.Id,
            WorkersPerObject = 5,
            TaskTimeLimitSeconds = 90,
            TaskAvailabilityLifetimeHours = 2,
            MaxConcurrentTasksPerWorker = 4,
        };

        var spec = model.ToSpec(["good.png"], []);

        Assert.Equal("birds", spec.Name);
        Assert.Equal(["a", " b ", "c"], spec.Labels.Select(l => l.Label));
        Assert.Equal((5, 90, 7200, 4), (spec.WorkersPerObject, spec.TaskTimeLimitSeconds, spec.TaskAvailabilityLifetimeSeconds, spec.MaxConcurrentTasksPerWorker));
        Assert.Equal(["good.png"], spec.GoodExampleKeys);
        Assert.Contains(spec.Validate(), e => e.Field == "labels[1]");
    }

    [Fact]
    public void Labels_NerShortNameRepeated_ShowsLineAndReason()
    {
        var cut = RenderForm(new JobFormModel { TaskType = TaskType.NamedEntityRecognition });

        cut.Find("#job-labels").Input("person | P\nplace | P");

        cut.WaitForAssertion(() => Assert.Contains("Line 2: Short name 'P' is used by two labels.", Errors(cut)));
    }

    [Fact]
    public void Model_NerToSpec_ParsesShortNamesAndPreAnnotations()
    {
        var model = new JobFormModel
        {
            TaskType = TaskType.NamedEntityRecognition,
            LabelsText = "person | PER\nplace\nC|D | cd",
            PreAnnotationsAttribute = " prior ",
        };

        var spec = model.ToSpec([], []);

        Assert.Equal([new("person", "PER"), new("place"), new LabelCategory("C|D", "cd")], spec.Labels);
        Assert.Equal("prior", spec.PreAnnotationsAttribute);
    }

    [Fact]
    public void Model_ClassificationToSpec_KeepsBarsInLabelsAndNoPreAnnotations()
    {
        var model = new JobFormModel { TaskType = TaskType.TextClassification, LabelsText = "a | b\nc", PreAnnotationsAttribute = "prior" };

        var spec = model.ToSpec([], []);

        Assert.Equal([new("a | b"), new LabelCategory("c")], spec.Labels);
        Assert.Null(spec.PreAnnotationsAttribute);
    }

    private const string OutputManifest = """
        {"source-ref":"a.png","objects":{"image_size":[{"width":64,"height":48,"depth":3}],"annotations":[{"class_id":1,"top":8,"left":10,"height":20,"width":30}]},"objects-metadata":{"objects":[{"confidence":0}],"class-map":{"1":"square","0":"circle"},"type":"groundtruth/object-detection","job-name":"labeling-job/boxes"}}
        {"source-ref":"b.png","objects":{"image_size":[{"width":64,"height":48,"depth":3}],"annotations":[]},"objects-metadata":{"objects":[],"class-map":{},"type":"groundtruth/object-detection","job-name":"labeling-job/boxes"}}
        """;

    private static void UploadManifest(IRenderedComponent<JobForm> cut, string content) =>
        cut.FindComponents<Microsoft.AspNetCore.Components.Forms.InputFile>()
            .Single(f => f.Instance.AdditionalAttributes?["class"]?.ToString()?.Contains("gt-file-input-manifest", StringComparison.Ordinal) == true)
            .UploadFiles(InputFileContent.CreateFromText(content, "output.manifest"));

    [Fact]
    public void ReviewedAttribute_AdjustmentManifestChosen_OffersItsBoxAttributeAndTheEarlierLabels()
    {
        var model = new JobFormModel { TaskType = TaskType.BoundingBoxAdjustment, LabelAttributeName = "adjusted" };
        var cut = RenderForm(model);

        UploadManifest(cut, OutputManifest);

        cut.WaitForAssertion(() => Assert.Equal("objects", cut.Find("[data-testid=reviewed-attribute-option]").GetAttribute("data-attribute")));
        Assert.Equal(("objects", "circle\nsquare"), (model.PreAnnotationsAttribute, model.LabelsText));
        Assert.Equal("objects", model.ToSpec([], []).PreAnnotationsAttribute);
    }

    private const string MaskOutputManifest = """
        {"source-ref":"a.png","objects":{"image_size":[{"width":64,"height":48,"depth":3}],"annotations":[]},"objects-metadata":{"class-map":{},"type":"groundtruth/object-detection"},"streets-ref":"jobs/x/0.png","streets-ref-metadata":{"internal-color-map":{"0":{"class-name":"BACKGROUND","hex-color":"#ffffff"},"1":{"class-name":"road","hex-color":"#1f77b4"},"2":{"class-name":"car","hex-color":"#ff7f0e"}},"type":"groundtruth/semantic-segmentation"}}
        """;

    [Theory]
    [InlineData(TaskType.SemanticSegmentationAdjustment, "fixed-ref", "road\ncar")]
    [InlineData(TaskType.SemanticSegmentationVerification, "streets-ok", "")]
    public void ReviewedAttribute_MaskReviewManifestChosen_OffersOnlyTheSegmentationRefAttribute(TaskType type, string attribute, string labels)
    {
        var model = new JobFormModel { TaskType = type, LabelAttributeName = attribute };
        var cut = RenderForm(model);

        UploadManifest(cut, MaskOutputManifest);

        cut.WaitForAssertion(() => Assert.Equal(["streets-ref"], cut.FindAll("[data-testid=reviewed-attribute-option]").Select(o => o.GetAttribute("data-attribute"))));
        Assert.Equal(("streets-ref", labels), (model.PreAnnotationsAttribute, model.LabelsText));
    }

    [Fact]
    public void ReviewedAttribute_NotInManifest_SaysWhichAttributesItHas()
    {
        var model = new JobFormModel { TaskType = TaskType.BoundingBoxVerification, LabelAttributeName = "verified", PreAnnotationsAttribute = "boxes" };
        var cut = RenderForm(model);

        UploadManifest(cut, OutputManifest);

        cut.WaitForAssertion(() => Assert.Contains("None of the manifest's first 2 lines has 'boxes' with labels of this kind; it has objects.", Errors(cut)));
    }

    [Fact]
    public void ReviewedAttribute_SameAsOwnAttribute_Refused()
    {
        var cut = RenderForm(new JobFormModel { TaskType = TaskType.BoundingBoxVerification, LabelAttributeName = "objects" });

        cut.Find("#job-reviewed-attribute").Input("objects");

        cut.WaitForAssertion(() => Assert.Contains("Use a new label attribute name for this job", Errors(cut)));
    }

    [Fact]
    public async Task TaskTypeChange_UntouchedTimeLimitFollowsTheType_ButAChosenOneStays()
    {
        var model = new JobFormModel { TaskType = TaskType.ImageClassification };
        var cut = RenderForm(model);
        var select = cut.FindComponent<MudBlazor.MudSelect<TaskType>>();

        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(TaskType.BoundingBoxAdjustment));
        var adjustment = model.TaskTimeLimitSeconds;
        model.TaskTimeLimitSeconds = 1200;
        await cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(TaskType.BoundingBoxVerification));

        Assert.Equal(TaskTypes.Get(TaskType.BoundingBoxAdjustment).DefaultTaskTimeLimitSeconds, adjustment);
        Assert.NotEqual(TaskTypes.Get(TaskType.ImageClassification).DefaultTaskTimeLimitSeconds, adjustment);
        Assert.Equal(1200, model.TaskTimeLimitSeconds);
    }
}
