using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;

namespace GroundTruth.Tests.Core.Consolidation;

public class LabelMetadataTests
{
    private static readonly DateTimeOffset Created = new DateTimeOffset(2019, 4, 18, 16, 40, 59, TimeSpan.Zero).AddTicks(2_179_950);

    [Fact]
    public void Complete_ClassificationMetadata_AddsCommonFields()
    {
        var specific = new JsonObject { ["class-name"] = "Canary", ["confidence"] = 0.95 };

        var metadata = LabelMetadata.Complete(specific, "groundtruth/image-classification", "birds-open-images-clone", humanAnnotated: true, Created);

        Assert.Equal(
            """{"class-name":"Canary","confidence":0.95,"type":"groundtruth/image-classification","job-name":"labeling-job/birds-open-images-clone","human-annotated":"yes","creation-date":"2019-04-18T16:40:59.217995"}""",
            metadata.ToJsonString());
    }

    [Fact]
    public void Complete_MachineLabel_HumanAnnotatedIsNo()
    {
        var metadata = LabelMetadata.Complete([], "groundtruth/text-classification", "mood", humanAnnotated: false, Created);

        Assert.Equal("no", metadata["human-annotated"]!.GetValue<string>());
    }

    [Fact]
    public void Complete_TimeWithOffset_WritesUtc()
    {
        var created = new DateTimeOffset(2020, 10, 18, 23, 18, 13, TimeSpan.FromHours(1)).AddTicks(5_272_560);

        var metadata = LabelMetadata.Complete([], "groundtruth/text-classification", "mood", humanAnnotated: true, created);

        Assert.Equal("2020-10-18T22:18:13.527256", metadata["creation-date"]!.GetValue<string>());
    }

    [Fact]
    public void Complete_LeavesSpecificMetadataUntouched()
    {
        var specific = new JsonObject { ["class-map"] = new JsonObject { ["0"] = "person" } };

        var metadata = LabelMetadata.Complete(specific, "groundtruth/image-classification-multilabel", "tags", humanAnnotated: true, Created);
        metadata["class-map"]!["1"] = "bicycle";

        Assert.Equal("""{"class-map":{"0":"person"}}""", specific.ToJsonString());
    }

    [Fact]
    public void Complete_SpecificFieldWithCommonName_OverwrittenInPlace()
    {
        var specific = new JsonObject { ["type"] = "old", ["confidence"] = 0.5, ["job-name"] = "other" };

        var metadata = LabelMetadata.Complete(specific, "groundtruth/text-classification", "mood", humanAnnotated: true, Created);

        Assert.Equal(
            """{"type":"groundtruth/text-classification","confidence":0.5,"job-name":"labeling-job/mood","human-annotated":"yes","creation-date":"2019-04-18T16:40:59.217995"}""",
            metadata.ToJsonString());
    }
}
