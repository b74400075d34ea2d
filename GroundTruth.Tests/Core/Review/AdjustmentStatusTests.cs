using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;

namespace GroundTruth.Tests.Core.Review;

public class AdjustmentStatusTests
{
    private const string Line = """
        {"source-ref":"a.png","boxes":{"image_size":[{"width":200,"height":100,"depth":3}],"annotations":[{"class_id":0,"top":10.000000000000002,"left":20,"height":30,"width":40},{"class_id":1,"top":50,"left":100,"height":20,"width":20}]},"boxes-metadata":{"class-map":{"0":"car","1":"bus"},"type":"groundtruth/object-detection"}}
        """;

    private static readonly LabelCategory[] Labels = [new("car"), new("bus")];

    private static JsonObject Answer(params string[] boxes) => (JsonObject)JsonNode.Parse(
        "{\"crowd-bounding-box\":{\"boundingBoxes\":[" + string.Join(',', boxes) + "],\"inputImageProperties\":{\"height\":100,\"width\":200}}}")!;

    private const string Car = """{"height":30,"label":"car","left":20,"top":10,"width":40}""";
    private const string Bus = """{"height":20,"label":"bus","left":100,"top":50,"width":20}""";

    [Theory]
    [InlineData("unadjusted", new[] { Car, Bus })]
    [InlineData("unadjusted", new[] { Bus, Car })]
    [InlineData("adjusted", new[] { Car })]
    [InlineData("adjusted", new[] { Car, Bus, Bus })]
    [InlineData("adjusted", new[] { Car, """{"height":20,"label":"bus","left":101,"top":50,"width":20}""" })]
    [InlineData("adjusted", new[] { Car, """{"height":20,"label":"car","left":100,"top":50,"width":20}""" })]
    public void ConsolidateObject_BoxAdjustment_WritesWhetherTheWorkerChangedAnything(string expected, string[] boxes)
    {
        var result = Consolidators.ConsolidateObject(TaskTypes.Get(TaskType.BoundingBoxAdjustment), Labels, "boxes", Line, [new("w1", Answer(boxes))]);

        Assert.Equal(expected, result.Metadata["adjustment-status"]!.GetValue<string>());
        Assert.NotNull(result.Metadata["class-map"]);
    }

    [Fact]
    public void ConsolidateObject_OneOfTwoWorkersChanged_IsAdjusted()
    {
        var result = Consolidators.ConsolidateObject(TaskTypes.Get(TaskType.BoundingBoxAdjustment), Labels, "boxes", Line,
            [new("w1", Answer(Car, Bus)), new("w2", Answer(Car))]);

        Assert.Equal(AdjustmentStatus.Adjusted, result.Metadata["adjustment-status"]!.GetValue<string>());
    }

    [Fact]
    public void ConsolidateObject_PolygonUnchanged_IsUnadjustedInCustomOutput()
    {
        var line = """{"source-ref":"a.png","outline":{"annotatedResult":{"inputImageProperties":{"height":100,"width":200},"polygons":[{"label":"car","vertices":[{"x":10,"y":10},{"x":100.004,"y":10},{"x":50,"y":90}]}]}}}""";
        var answer = (JsonObject)JsonNode.Parse("""{"crowd-polygon":{"inputImageProperties":{"height":100,"width":200},"polygons":[{"label":"car","vertices":[{"x":10,"y":10},{"x":100,"y":10},{"x":50,"y":90}]}]}}""")!;

        var result = Consolidators.ConsolidateObject(TaskTypes.Get(TaskType.PolygonAdjustment), Labels, "outline", line, [new("w1", answer)]);

        Assert.Equal(AdjustmentStatus.Unadjusted, result.Metadata["adjustment-status"]!.GetValue<string>());
        Assert.NotNull(result.Label["annotatedResult"]!["polygons"]);
    }

    [Fact]
    public void ConsolidateObject_OrdinaryBoxJob_HasNoAdjustmentStatus()
    {
        var result = Consolidators.ConsolidateObject(TaskTypes.Get(TaskType.BoundingBox), Labels, null, Line, [new("w1", Answer(Car))]);

        Assert.Null(result.Metadata["adjustment-status"]);
    }
}
