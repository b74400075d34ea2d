using System.Text.Json.Nodes;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;

namespace GroundTruth.Tests.Core.Consolidation;

public class TextSpanAnswerTests
{
    private static readonly LabelCategory[] Labels = [new("person", "per"), new("place", "loc")];

    private const string Text = "😀 Ada met Bob in Paris";

    [Fact]
    public void Read_CrowdEntityAnnotation_ReturnsEntities()
    {
        var answer = Parse("""{"crowd-entity-annotation":{"entities":[{"label":"person","startOffset":2,"endOffset":5}]}}""");

        var (entities, error) = TextSpanAnswer.Read(answer);

        Assert.Null(error);
        Assert.Equal([new TextEntity("person", 2, 5)], entities);
    }

    [Theory]
    [InlineData("""{"crowd-entity-annotation":{}}""", "\"entities\"")]
    [InlineData("""{"crowd-entity-annotation":{"entities":[{"startOffset":1,"endOffset":2}]}}""", "Entity 1 needs a \"label\"")]
    [InlineData("""{"crowd-entity-annotation":{"entities":[{"label":"person","startOffset":1.5,"endOffset":2}]}}""", "whole-number")]
    [InlineData("""{"crowd-entity-annotation":{"entities":[{"label":"person","startOffset":"1","endOffset":2}]}}""", "whole-number")]
    public void Read_MalformedAnswer_NamesTheProblem(string json, string expected)
    {
        var (_, error) = TextSpanAnswer.Read(Parse(json));

        Assert.Contains(expected, error);
    }

    [Fact]
    public void Validate_SpansInsideTextAfterEmoji_Accepted()
    {
        // "😀 Ada met Bob in Paris" has 22 code points (the emoji is one) but 23 UTF-16 units.
        Assert.Null(TextSpanAnswer.Validate(Labels, Text, [new("person", 2, 5), new("place", 17, 22)]));
    }

    [Theory]
    [InlineData("animal", 2, 5, "'animal' is not one of this job's labels.")]
    [InlineData("place", 17, 23, "outside the text, which has 22 characters")]
    [InlineData("place", -1, 3, "outside the text")]
    [InlineData("place", 4, 4, "is empty")]
    [InlineData("place", 5, 4, "is empty")]
    public void Validate_BadSpan_ExplainsWhy(string label, int start, int end, string expected)
    {
        Assert.Contains(expected, TextSpanAnswer.Validate(Labels, Text, [new(label, start, end)]));
    }

    [Fact]
    public void Validate_SameSpanTwice_Refused()
    {
        var problem = TextSpanAnswer.Validate(Labels, Text, [new("person", 2, 5), new("place", 2, 5)]);

        Assert.Equal("The span 2–5 is labeled twice ('person' and 'place').", problem);
    }

    [Fact]
    public void Validate_OverlappingSpans_Refused()
    {
        var problem = TextSpanAnswer.Validate(Labels, Text, [new("person", 2, 9), new("place", 6, 13)]);

        Assert.Equal("The spans 2–9 ('person') and 6–13 ('place') overlap.", problem);
    }

    [Fact]
    public void Validate_NestedSpanWhenNestingAllowed_Accepted()
    {
        Assert.Null(TextSpanAnswer.Validate(Labels, Text, [new("person", 2, 13), new("place", 6, 9)], allowNesting: true));
    }

    [Fact]
    public void Validate_CrossingSpansWhenNestingAllowed_Refused()
    {
        Assert.Contains("overlap", TextSpanAnswer.Validate(Labels, Text, [new("person", 2, 9), new("place", 6, 13)], allowNesting: true));
    }

    [Fact]
    public void Validate_AdjacentSpans_Accepted()
    {
        Assert.Null(TextSpanAnswer.Validate(Labels, Text, [new("person", 2, 5), new("place", 5, 9)]));
    }

    [Theory]
    [InlineData("""{"source":"x","prior":{"annotations":{"entities":[{"label":"place","startOffset":0,"endOffset":1}]}}}""")]
    [InlineData("""{"source":"x","prior":{"entities":[{"label":"place","startOffset":0,"endOffset":1}]}}""")]
    [InlineData("""{"source":"x","prior":[{"label":"place","startOffset":0,"endOffset":1},{"oops":1}]}""")]
    public void ReadPreAnnotations_SupportedShapes_ReturnsWellFormedEntities(string line)
    {
        Assert.Equal([new TextEntity("place", 0, 1)], TextSpanAnswer.ReadPreAnnotations(line, "prior"));
    }

    [Theory]
    [InlineData("""{"source":"x"}""", "prior")]
    [InlineData("""{"source":"x","prior":"text"}""", "prior")]
    [InlineData("""{"source":"x","prior":[]}""", null)]
    [InlineData("not json", "prior")]
    public void ReadPreAnnotations_MissingOrOtherShape_ReturnsNone(string line, string? attribute)
    {
        Assert.Empty(TextSpanAnswer.ReadPreAnnotations(line, attribute));
    }

    [Fact]
    public void ReadSource_TextLine_ReturnsSource()
    {
        Assert.Equal("héllo", TextSpanAnswer.ReadSource("""{"source":"h\u00e9llo"}"""));
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;
}
