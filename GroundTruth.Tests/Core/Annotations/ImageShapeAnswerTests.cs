using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Annotations;

public class ImageShapeAnswerTests
{
    private static readonly LabelCategory[] Labels = [new("car"), new("person")];
    private static readonly ImageSize Image = new(640, 480);

    private static string? Validate(ShapeKind kind, string element, ImageSize? image = null) =>
        ImageShapeAnswer.Validate(kind, Labels, JsonNode.Parse(element)!.AsObject(), image ?? Image);

    [Fact]
    public void Validate_WellFormedBoxes_IsAccepted()
    {
        Assert.Null(Validate(ShapeKind.Box, """{"boundingBoxes":[{"height":20,"label":"car","left":0,"top":10.5,"width":640}],"inputImageProperties":{"height":480,"width":640}}"""));
    }

    [Theory]
    [InlineData("""{"height":0,"label":"car","left":5,"top":5,"width":30}""", "Box 1 ('car') has zero area")]
    [InlineData("""{"height":10,"label":"truck","left":5,"top":5,"width":30}""", "Box 1: 'truck' is not one of this job's labels")]
    [InlineData("""{"height":10,"label":"car","left":620,"top":5,"width":30}""", "Box 1 ('car') has a point at (650, 15), outside the 640 × 480 image")]
    [InlineData("""{"height":10,"label":"car","left":-3,"top":5,"width":30}""", "outside the 640 × 480 image")]
    [InlineData("""{"height":"10","label":"car","left":5,"top":5,"width":30}""", "Box 1 is not well-formed: \"left\", \"top\", \"width\" and \"height\" must be numbers")]
    public void Validate_BadBox_NamesTheProblem(string box, string expected)
    {
        var problem = Validate(ShapeKind.Box, $$$"""{"boundingBoxes":[{{{box}}}],"inputImageProperties":{"height":480,"width":640}}""");

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Validate_ImageSizeDiffersFromRecorded_IsRejected()
    {
        var problem = Validate(ShapeKind.Box, """{"boundingBoxes":[],"inputImageProperties":{"height":640,"width":480}}""");

        Assert.Equal("The answer was drawn on a 480 × 640 image, but this image is 640 × 480 pixels.", problem);
    }

    [Fact]
    public void Validate_HalfPixelRoundingPastTheEdge_IsAccepted()
    {
        Assert.Null(Validate(ShapeKind.Box, """{"boundingBoxes":[{"height":10,"label":"car","left":600,"top":5,"width":40.4}],"inputImageProperties":{"height":480,"width":640}}"""));
    }

    [Theory]
    [InlineData("""[{"x":1,"y":1},{"x":50,"y":1}]""", "Polygon 1 ('car') has 2 vertices; a polygon needs at least 3")]
    [InlineData("""[{"x":0,"y":0},{"x":100,"y":100},{"x":100,"y":0},{"x":0,"y":100}]""", "Polygon 1 ('car') crosses itself (edges 1 and 3 meet)")]
    [InlineData("""[{"x":0,"y":0},{"x":50,"y":50},{"x":100,"y":100}]""", "Polygon 1 ('car') has zero area")]
    public void Validate_BadPolygon_NamesTheProblem(string vertices, string expected)
    {
        var problem = Validate(ShapeKind.Polygon, $$$"""{"inputImageProperties":{"height":480,"width":640},"polygons":[{"label":"car","vertices":{{{vertices}}}}]}""");

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem);
    }

    [Fact]
    public void Validate_SimplePolygonPolylineAndKeypoint_AreAccepted()
    {
        Assert.Null(Validate(ShapeKind.Polygon, """{"inputImageProperties":{"height":480,"width":640},"polygons":[{"label":"car","vertices":[{"x":10,"y":10},{"x":100,"y":10},{"x":50,"y":90}]}]}"""));
        Assert.Null(Validate(ShapeKind.Polyline, """{"inputImageProperties":{"height":480,"width":640},"polylines":[{"label":"car","vertices":[{"x":10,"y":10},{"x":100,"y":10}]}]}"""));
        Assert.Null(Validate(ShapeKind.Keypoint, """{"inputImageProperties":{"height":480,"width":640},"keypoints":[{"label":"person","x":640,"y":0}]}"""));
    }

    [Fact]
    public void Validate_PolylineWithOneVertex_IsRejected()
    {
        var problem = Validate(ShapeKind.Polyline, """{"inputImageProperties":{"height":480,"width":640},"polylines":[{"label":"car","vertices":[{"x":10,"y":10}]}]}""");

        Assert.Equal("Polyline 1 ('car') has 1 vertex; a polyline needs at least 2.", problem);
    }

    [Fact]
    public void Validate_MissingListOrImageSize_SaysWhatIsMissing()
    {
        Assert.Contains("\"boundingBoxes\"", Validate(ShapeKind.Box, """{"inputImageProperties":{"height":480,"width":640}}"""));
        Assert.Contains("\"inputImageProperties\"", Validate(ShapeKind.Box, """{"boundingBoxes":[]}"""));
    }
}
