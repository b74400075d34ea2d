using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class ClusteredShapesTests
{
    private static readonly LabelCategory[] Labels = [new("cat"), new("dog")];

    [Fact]
    public void Keypoints_OutlierRejected_MedianOfTheRest()
    {
        var consolidator = new ClusteredShapes(ShapeKind.Keypoint, "crowd-keypoint");

        var result = consolidator.Consolidate(Labels, [Point("far", 90, 90), Point("a", 10, 10), Point("b", 12, 10), Point("c", 11, 11)], null);

        var point = result.Annotation.Label["annotatedResult"]!["keypoints"]!.AsArray().Single()!;
        Assert.Equal(11, point["x"]!.GetValue<double>());
        Assert.Equal(10, point["y"]!.GetValue<double>());
        Assert.Equal(0, result.Agreement["far"]);
        Assert.Equal(1, result.Agreement["a"]);
        Assert.InRange(result.Confidence, 0.5, 1);
        Assert.Equal(result.Confidence, result.Annotation.Metadata["confidence"]!.GetValue<double>());
    }

    [Fact]
    public void OneWorker_KeptExactlyAsDrawnWithZeroConfidence()
    {
        var consolidator = new ClusteredShapes(ShapeKind.Polygon, "crowd-polygon");
        var answer = Polygon("w1", "cat", (10.25, 10), (60, 12.5), (40, 55));

        var result = consolidator.Consolidate(Labels, [answer], null);

        Assert.Equal(
            """{"annotatedResult":{"inputImageProperties":{"height":100,"width":100},"polygons":[{"label":"cat","vertices":[{"x":10.25,"y":10},{"x":60,"y":12.5},{"x":40,"y":55}]}]}}""",
            result.Annotation.Label.ToJsonString());
        Assert.Equal("""{"confidence":0,"objects":[{"confidence":0}]}""", result.Annotation.Metadata.ToJsonString());
    }

    [Fact]
    public void Polygons_TwoAgreeOneStrays_FusedOutlineCoversTheAgreedSquare()
    {
        var consolidator = new ClusteredShapes(ShapeKind.Polygon, "crowd-polygon");

        var result = consolidator.Consolidate(Labels,
        [
            Polygon("a", "cat", (10, 10), (50, 10), (50, 50), (10, 50)),
            Polygon("b", "cat", (11, 11), (51, 11), (51, 51), (11, 51)),
            Polygon("stray", "cat", (70, 70), (95, 70), (95, 95)),
        ], null);

        var polygon = result.Annotation.Label["annotatedResult"]!["polygons"]!.AsArray().Single()!;
        var xs = polygon["vertices"]!.AsArray().Select(v => v!["x"]!.GetValue<double>()).ToList();
        Assert.InRange(xs.Min(), 9.5, 11.5);
        Assert.InRange(xs.Max(), 49.5, 51.5);
        Assert.Equal("cat", polygon["label"]!.GetValue<string>());
        Assert.Equal(0, result.Agreement["stray"]);
        Assert.Single(result.Annotation.Metadata["objects"]!.AsArray());
    }

    [Fact]
    public void Polylines_LabelVoteAndMostAgreeingMember()
    {
        var consolidator = new ClusteredShapes(ShapeKind.Polyline, "crowd-polyline");

        var result = consolidator.Consolidate(Labels,
        [
            Line("a", "cat", (10, 10), (90, 10)),
            Line("b", "cat", (10, 11), (90, 11)),
            Line("c", "dog", (10, 12), (90, 12)),
        ], null);

        var line = result.Annotation.Label["annotatedResult"]!["polylines"]!.AsArray().Single()!;
        Assert.Equal("cat", line["label"]!.GetValue<string>());
        Assert.Equal(11, line["vertices"]![0]!["y"]!.GetValue<double>());
    }

    [Fact]
    public void EmptyAnswers_AllAgreeOnNothing()
    {
        var consolidator = new ClusteredShapes(ShapeKind.Polyline, "crowd-polyline");

        var result = consolidator.Consolidate(Labels, [Line("a", "cat"), Line("b", "cat")], null);

        Assert.Empty(result.Annotation.Label["annotatedResult"]!["polylines"]!.AsArray());
        Assert.Equal(1, result.Confidence);
    }

    [Fact]
    public void Boxes_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new ClusteredShapes(ShapeKind.Box, "crowd-bounding-box"));
    }

    private static WorkerAnswer Point(string worker, double x, double y) => new(worker, JsonNode.Parse(
        $$$"""{"crowd-keypoint":{"inputImageProperties":{"height":100,"width":100},"keypoints":[{"label":"cat","x":{{{x}}},"y":{{{y}}}}]}}""")!.AsObject());

    private static WorkerAnswer Polygon(string worker, string label, params (double X, double Y)[] vertices) =>
        Shape(worker, "crowd-polygon", "polygons", label, vertices);

    private static WorkerAnswer Line(string worker, string label, params (double X, double Y)[] vertices) =>
        Shape(worker, "crowd-polyline", "polylines", label, vertices);

    private static WorkerAnswer Shape(string worker, string element, string list, string label, (double X, double Y)[] vertices)
    {
        var items = new JsonArray();
        if (vertices.Length > 0)
        {
            items.Add(new JsonObject
            {
                ["label"] = label,
                ["vertices"] = new JsonArray([.. vertices.Select(v => (JsonNode)new JsonObject { ["x"] = v.X, ["y"] = v.Y })]),
            });
        }

        return new(worker, new JsonObject
        {
            [element] = new JsonObject
            {
                ["inputImageProperties"] = new JsonObject { ["height"] = 100, ["width"] = 100 },
                [list] = items,
            },
        });
    }
}
