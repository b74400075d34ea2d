using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Consolidation;

namespace GroundTruth.Tests.Core.Consolidation;

public class LabelSummaryTests
{
    [Fact]
    public void Text_BoxLabel_CountsEachClassMostFrequentFirst()
    {
        var value = JsonNode.Parse("""{"image_size":[{"width":64,"height":48,"depth":3}],"annotations":[{"class_id":1,"top":1,"left":1,"height":5,"width":5},{"class_id":0,"top":9,"left":9,"height":5,"width":5},{"class_id":1,"top":20,"left":20,"height":5,"width":5}]}""");
        var metadata = JsonNode.Parse("""{"class-map":{"0":"car","1":"person"},"objects":[{"confidence":0.9},{"confidence":0.8},{"confidence":0.7}]}""")!.AsObject();

        Assert.Equal("2 × person, 1 × car", LabelSummary.Text(value, metadata, ShapeKind.Box));
    }

    [Fact]
    public void Text_CustomKeypointLabelWithoutClassNames_NamesTheKeypointsLabels()
    {
        var value = JsonNode.Parse("""{"annotatedResult":{"inputImageProperties":{"height":48,"width":64},"keypoints":[{"label":"nose","x":3,"y":4}]}}""");
        var metadata = JsonNode.Parse("""{"objects":[{"confidence":0.5}],"type":"groundtruth/custom"}""")!.AsObject();

        Assert.Equal("1 × nose", LabelSummary.Text(value, metadata, ShapeKind.Keypoint));
        Assert.Equal("1 annotation", LabelSummary.Text(value, metadata, null));
    }

    [Fact]
    public void Text_ShapeLabelWithNothingDrawn_SaysSo()
    {
        var value = JsonNode.Parse("""{"annotatedResult":{"inputImageProperties":{"height":48,"width":64},"polygons":[]}}""");

        Assert.Equal("(no shapes)", LabelSummary.Text(value, new JsonObject(), ShapeKind.Polygon));
    }
}
