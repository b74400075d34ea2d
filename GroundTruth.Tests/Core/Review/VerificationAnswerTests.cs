using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;

namespace GroundTruth.Tests.Core.Review;

public class VerificationAnswerTests
{
    private static readonly TaskTypeDescriptor Type = TaskTypes.Get(TaskType.BoundingBoxVerification);
    private static readonly LabelCategory[] Categories = [new("Correct"), new("Incorrect"), new("Needs adjustment")];

    [Fact]
    public void Create_WithAndWithoutComment_IsCrowdImageClassifierOutput()
    {
        Assert.Equal("""{"crowd-image-classifier":{"label":"Incorrect","workerComment":"Too wide."}}""", VerificationAnswer.Create(Type, "Incorrect", " Too wide. ").ToJsonString());
        Assert.Equal("""{"crowd-image-classifier":{"label":"Correct"}}""", VerificationAnswer.Create(Type, "Correct", "  ").ToJsonString());
    }

    [Theory]
    [InlineData("""{"crowd-image-classifier":{"label":"Correct","workerComment":"fine"}}""", null)]
    [InlineData("""{"crowd-image-classifier":{"label":"Perfect"}}""", "'Perfect' is not one of this job's labels.")]
    [InlineData("""{"crowd-image-classifier":{"label":"Correct","workerComment":5}}""", "\"workerComment\" must be a string.")]
    public void Validate_Answer_ChecksCategoryAndComment(string answer, string? expected)
    {
        Assert.Equal(expected, AnswerRules.Validate(Type, Categories, (JsonObject)JsonNode.Parse(answer)!, "{}"));
    }

    [Fact]
    public void Validate_LongComment_Refused()
    {
        var answer = VerificationAnswer.Create(Type, "Correct", new string('x', VerificationAnswer.MaxCommentLength + 1));

        Assert.Equal("A comment has at most 2,000 characters; this one has 2,001.", AnswerRules.Validate(Type, Categories, answer, "{}"));
    }

    [Fact]
    public void ConsolidateObject_Verification_WritesClassIndexNameAndWorkerFeedback()
    {
        WorkerAnswer[] answers =
        [
            new("w1", VerificationAnswer.Create(Type, "Incorrect", "The box on the bird is too wide.")),
            new("w2", VerificationAnswer.Create(Type, "Incorrect", "")),
            new("w3", VerificationAnswer.Create(Type, "Correct", "The nest is not labeled.")),
        ];

        var result = Consolidators.ConsolidateObject(Type, Categories, "boxes", "{}", answers);
        var metadata = LabelMetadata.Complete(result.Metadata, Type.OutputType, "verify-boxes", true, new DateTimeOffset(2026, 11, 23, 4, 0, 0, TimeSpan.Zero));

        Assert.Equal("1", result.Label.ToJsonString());
        Assert.Equal(
            """{"class-name":"Incorrect","confidence":0.67,"worker-feedback":[{"comment":"The box on the bird is too wide."},{"comment":"The nest is not labeled."}],"type":"groundtruth/label-verification","job-name":"labeling-job/verify-boxes","human-annotated":"yes","creation-date":"2026-11-23T04:00:00.000000"}""",
            metadata.ToJsonString());
    }

    [Fact]
    public void ConsolidateObject_NoComments_LeavesWorkerFeedbackOut()
    {
        var result = Consolidators.ConsolidateObject(Type, Categories, "boxes", "{}", [new("w1", VerificationAnswer.Create(Type, "Correct", null))]);

        Assert.Null(result.Metadata["worker-feedback"]);
    }

    [Fact]
    public void JobConsolidation_VerificationJob_RunsClassificationMethodsAndKeepsFeedback()
    {
        ObjectAnswer[] answers =
        [
            new(1, "w1", VerificationAnswer.Create(Type, "Correct", "ok")),
            new(1, "w2", VerificationAnswer.Create(Type, "Correct", null)),
            new(2, "w1", VerificationAnswer.Create(Type, "Incorrect", null)),
            new(2, "w2", VerificationAnswer.Create(Type, "Incorrect", null)),
        ];

        var result = JobConsolidation.Run(Type, Categories, answers, new ConsolidationSettings("mv"));

        var first = result.Labels.Single(l => l.ObjectId == 1).Annotation;
        Assert.Equal(("Correct", """[{"comment":"ok"}]"""), (first.Metadata["class-name"]!.GetValue<string>(), first.Metadata["worker-feedback"]!.ToJsonString()));
        Assert.Null(result.Labels.Single(l => l.ObjectId == 2).Annotation.Metadata["worker-feedback"]);
    }
}
