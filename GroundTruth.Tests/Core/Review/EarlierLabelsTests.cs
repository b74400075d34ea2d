using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Review;

namespace GroundTruth.Tests.Core.Review;

public class EarlierLabelsTests
{
    private static readonly ImageSize Image = new(1024, 768);

    // A real object-detection output line (aws/amazon-sagemaker-examples), as a chained job receives it.
    private const string BoxLine = """
        {"source-ref":"s3://bucket/000411001ff7dd4f.jpg","category":{"image_size":[{"width":1024,"height":768,"depth":3}],"annotations":[{"class_id":0,"top":187.39999999999998,"left":455.6,"height":245,"width":257.4},{"class_id":"1","top":302.25,"left":951.75,"height":226.75,"width":72.25}]},"category-metadata":{"objects":[{"confidence":0.88},{"confidence":0.75}],"class-map":{"0":"Bird","1":"Nest"},"type":"groundtruth/object-detection","human-annotated":"yes","creation-date":"2022-09-12T10:50:11.905883","job-name":"labeling-job/ground-truth-od-demo"}}
        """;

    private const string PolygonLine = """
        {"source-ref":"a.png","outline":{"annotatedResult":{"inputImageProperties":{"height":768,"width":1024},"polygons":[{"label":"dog","vertices":[{"x":10,"y":10},{"x":100,"y":10},{"x":50,"y":90}]}]}},"outline-metadata":{"type":"groundtruth/custom","confidence":0}}
        """;

    [Fact]
    public void Read_ObjectDetectionLabel_ReturnsBoxesNamedByClassMap()
    {
        var (element, problem) = EarlierLabels.Read(BoxLine, "category", ShapeKind.Box, null, Image);

        Assert.Null(problem);
        Assert.Equal(
            """{"boundingBoxes":[{"height":245,"label":"Bird","left":455.6,"top":187.39999999999998,"width":257.4},{"height":226.75,"label":"Nest","left":951.75,"top":302.25,"width":72.25}],"inputImageProperties":{"height":768,"width":1024}}""",
            element!.ToJsonString());
    }

    [Fact]
    public void Read_CustomPolygonLabel_ReturnsElementOutput()
    {
        var (element, problem) = EarlierLabels.Read(PolygonLine, "outline", ShapeKind.Polygon, [new("dog")], Image);

        Assert.Null(problem);
        Assert.Equal("dog", ImageShapeAnswer.Read(ShapeKind.Polygon, element!).Single().Label);
    }

    [Theory]
    [InlineData("""{"source-ref":"a.png"}""", "The line has no \"category\" with the earlier labels to review.")]
    [InlineData("""{"source-ref":"a.png","category":{"annotations":[{"class_id":0,"top":1,"left":1,"height":5,"width":5}]}}""",
        "The earlier labels in \"category\" are malformed: its \"-metadata\" has no \"class-map\" naming the classes.")]
    [InlineData("""{"source-ref":"a.png","category":{"annotations":[{"class_id":7,"top":1,"left":1,"height":5,"width":5}]},"category-metadata":{"class-map":{"0":"Bird"}}}""",
        "The earlier labels in \"category\" are malformed: annotation 1 has class_id 7, which the class-map does not name.")]
    [InlineData("""{"source-ref":"a.png","category":"s3://bucket/mask.png","category-metadata":{"class-map":{"0":"Bird"}}}""",
        "The earlier labels in \"category\" are malformed: expected an object-detection label {\"image_size\": […], \"annotations\": […]}.")]
    [InlineData("""{"source-ref":"a.png","category":{"annotations":[{"class_id":0,"top":1,"left":1,"height":0,"width":5}]},"category-metadata":{"class-map":{"0":"Bird"}}}""",
        "The earlier labels in \"category\" cannot be used: Box 1 ('Bird') has zero area (its width and height must be positive).")]
    [InlineData("""{"source-ref":"a.png","category":{"annotations":[{"class_id":0,"top":1,"left":1000,"height":5,"width":50}]},"category-metadata":{"class-map":{"0":"Bird"}}}""",
        "The earlier labels in \"category\" cannot be used: Box 1 ('Bird') has a point at (1050, 6), outside the 1024 × 768 image.")]
    [InlineData("""{"source-ref":"a.png","category":{"image_size":[{"width":640,"height":480,"depth":3}],"annotations":[]},"category-metadata":{"class-map":{}}}""",
        "The earlier labels in \"category\" cannot be used: The answer was drawn on a 640 × 480 image, but this image is 1024 × 768 pixels.")]
    public void Read_MissingOrMalformed_SaysWhatIsWrong(string line, string expected)
    {
        var (element, problem) = EarlierLabels.Read(line, "category", ShapeKind.Box, null, Image);

        Assert.Null(element);
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Read_AdjustmentWithLabelsNotInJob_NamesTheBoxAndLabel()
    {
        var (_, problem) = EarlierLabels.Read(BoxLine, "category", ShapeKind.Box, [new("Bird")], Image);

        Assert.Equal("The earlier labels in \"category\" cannot be used: Box 2: 'Nest' is not one of this job's labels.", problem);
    }

    [Fact]
    public void Find_OutputManifestLines_ListsAttributesOfTheKindWithClassNames()
    {
        var classification = """{"source-ref":"b.png","species":1,"species-metadata":{"class-name":"Nest","type":"groundtruth/image-classification"}}""";

        var boxes = EarlierLabels.Find([BoxLine, classification, "not json", PolygonLine], ShapeKind.Box);
        var polygons = EarlierLabels.Find([BoxLine, PolygonLine], ShapeKind.Polygon);

        Assert.Equal([new EarlierLabelKey("category", ["Bird", "Nest"])], boxes, KeyComparer.Instance);
        Assert.Equal([new EarlierLabelKey("outline", ["dog"])], polygons, KeyComparer.Instance);
    }

    private sealed class KeyComparer : IEqualityComparer<EarlierLabelKey>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(EarlierLabelKey? x, EarlierLabelKey? y) => x!.Name == y!.Name && x.ClassNames.SequenceEqual(y.ClassNames);

        public int GetHashCode(EarlierLabelKey obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_ObjectDetectionValue_GivesBoxCornersNamedByClassMap()
    {
        var line = JsonNode.Parse(BoxLine)!.AsObject();

        var shapes = EarlierLabels.Shapes(line["category"]!, line["category-metadata"]!.AsObject(), ShapeKind.Box);

        Assert.Equal(2, shapes.Count);
        Assert.Equal(("Bird", new ShapePoint(455.6, 187.39999999999998), new ShapePoint(455.6 + 257.4, 187.39999999999998 + 245)),
            (shapes[0].Label, shapes[0].Vertices[0], shapes[0].Vertices[1]));
        Assert.Equal("Nest", shapes[1].Label);
    }

    [Fact]
    public void Shapes_CustomPolygonValue_GivesVertices()
    {
        var line = JsonNode.Parse(PolygonLine)!.AsObject();

        var shape = Assert.Single(EarlierLabels.Shapes(line["outline"]!, line["outline-metadata"]!.AsObject(), ShapeKind.Polygon));

        Assert.Equal("dog", shape.Label);
        Assert.Equal([new(10, 10), new(100, 10), new(50, 90)], shape.Vertices);
    }

    [Theory]
    [InlineData("""{"annotations":[{"class_id":7,"top":1,"left":1,"height":2,"width":2}]}""", """{"class-map":{"0":"a"}}""")]
    [InlineData("""{"annotations":[]}""", """{}""")]
    [InlineData("""[1,2]""", """{"class-map":{"0":"a"}}""")]
    public void Shapes_MalformedValue_GivesNothing(string value, string metadata)
    {
        Assert.Empty(EarlierLabels.Shapes(JsonNode.Parse(value)!, JsonNode.Parse(metadata)!.AsObject(), ShapeKind.Box));
    }
}
