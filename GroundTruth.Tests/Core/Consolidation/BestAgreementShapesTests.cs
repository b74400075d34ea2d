using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class BestAgreementShapesTests
{
    private static readonly LabelCategory[] Labels = [new("bird"), new("cat"), new("dog")];
    private static readonly BestAgreementShapes Boxes = new(ShapeKind.Box, "crowd-bounding-box");

    private static WorkerAnswer BoxAnswer(string worker, params (string Label, double Left, double Top, double Width, double Height)[] boxes) =>
        new(worker, new JsonObject
        {
            ["crowd-bounding-box"] = new JsonObject
            {
                ["boundingBoxes"] = new JsonArray([.. boxes.Select(b => (JsonNode)new JsonObject
                {
                    ["height"] = b.Height, ["label"] = b.Label, ["left"] = b.Left, ["top"] = b.Top, ["width"] = b.Width,
                })]),
                ["inputImageProperties"] = new JsonObject { ["height"] = 480, ["width"] = 640 },
            },
        });

    [Fact]
    public void Consolidate_OneWorkerOff_KeepsAnAgreeingWorkersBoxesInObjectDetectionFormat()
    {
        // Arrange: a and b agree closely; c's dog box is far off and c misses the bird.
        var a = BoxAnswer("a", ("dog", 100, 100, 50, 40), ("bird", 10, 10, 20, 20));
        var b = BoxAnswer("b", ("dog", 102, 100, 50, 40), ("bird", 10, 11, 20, 20));
        var c = BoxAnswer("c", ("dog", 300, 300, 50, 40));

        // Act
        var result = Boxes.Consolidate(Labels, [c, a, b]);

        // Assert
        Assert.Equal(
            """{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[{"class_id":2,"top":100,"left":100,"height":40,"width":50},{"class_id":0,"top":10,"left":10,"height":20,"width":20}]}""",
            result.Label.ToJsonString());
        Assert.Equal("""{"0":"bird","2":"dog"}""", result.Metadata["class-map"]!.ToJsonString());
        var confidences = result.Metadata["objects"]!.AsArray().Select(o => o!["confidence"]!.GetValue<double>()).ToList();
        Assert.Equal([0.46, 0.45], confidences);
    }

    [Fact]
    public void Consolidate_OneWorker_ConfidenceIsZero()
    {
        var result = Boxes.Consolidate(Labels, [BoxAnswer("a", ("cat", 1, 2, 3, 4))]);

        Assert.Equal(0.0, result.Metadata["objects"]![0]!["confidence"]!.GetValue<double>());
    }

    [Fact]
    public void Consolidate_NobodyDrewAnything_EmptyAnnotations()
    {
        var result = Boxes.Consolidate(Labels, [BoxAnswer("a"), BoxAnswer("b")]);

        Assert.Empty(result.Label["annotations"]!.AsArray());
        Assert.Empty(result.Metadata["class-map"]!.AsObject());
    }

    [Fact]
    public void Similarity_DifferentLabels_IsZero()
    {
        var size = new ImageSize(100, 100);

        Assert.Equal(0, BestAgreementShapes.Similarity(ImageShape.Box("cat", 0, 0, 10, 10), ImageShape.Box("dog", 0, 0, 10, 10), size));
        Assert.Equal(1, BestAgreementShapes.Similarity(ImageShape.Box("cat", 0, 0, 10, 10), ImageShape.Box("cat", 0, 0, 10, 10), size));
    }

    [Fact]
    public void Agreement_ExtraShape_CountsAgainstBoth()
    {
        var size = new ImageSize(100, 100);
        var one = new[] { ImageShape.Box("cat", 0, 0, 10, 10) };
        var two = new[] { ImageShape.Box("cat", 0, 0, 10, 10), ImageShape.Box("dog", 50, 50, 10, 10) };

        Assert.Equal(0.5, BestAgreementShapes.Agreement(one, two, size));
        Assert.Equal(1, BestAgreementShapes.Agreement([], [], size));
    }

    [Fact]
    public void Consolidate_Keypoints_WritesCustomAnnotatedResultOfTheBestWorker()
    {
        var consolidator = new BestAgreementShapes(ShapeKind.Keypoint, "crowd-keypoint");
        WorkerAnswer Point(string worker, double x, double y) => new(worker, JsonNode.Parse(
            $$$"""{"crowd-keypoint":{"inputImageProperties":{"height":100,"width":100},"keypoints":[{"label":"cat","x":{{{x}}},"y":{{{y}}}}]}}""")!.AsObject());

        var result = consolidator.Consolidate(Labels, [Point("far", 90, 90), Point("a", 10, 10), Point("b", 11, 10)]);

        Assert.Equal("""{"annotatedResult":{"inputImageProperties":{"height":100,"width":100},"keypoints":[{"label":"cat","x":10,"y":10}]}}""", result.Label.ToJsonString());
        Assert.True(result.Metadata["confidence"]!.GetValue<double>() > 0);
    }
}
