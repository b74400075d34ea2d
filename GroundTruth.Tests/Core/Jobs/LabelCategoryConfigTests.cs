using GroundTruth.Core.Jobs;
using GroundTruth.Core.Validation;

namespace GroundTruth.Tests.Core.Jobs;

public class LabelCategoryConfigTests
{
    private const string EntryShape = "Each entry must be an object with a string \"label\".";

    [Fact]
    public void Parse_DocumentVersionHyphenated_ReadsLabelsInOrder()
    {
        var (config, errors) = LabelCategoryConfig.Parse(
            """{"document-version": "2018-11-28", "labels": [{"label": "label_1"},{"label": "label_2"},{"label": "label_3"}]}""");

        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal([new("label_1"), new("label_2"), new LabelCategory("label_3")], config.Labels);
        Assert.Null(config.ShortInstruction);
        Assert.Null(config.FullInstruction);
    }

    [Fact]
    public void Parse_DocumentVersionCamelCaseWithVideoAttributes_ReadsLabels()
    {
        const string json = """
            {"documentVersion": "2020-03-01",
             "frameAttributes": [{"name":"count players","description":"How many players to you see in the scene?","type":"number"}],
             "categoryGlobalAttributes": [{"name":"W","description":"label-attributes-for-all-labels","type":"string","enum": ["foo", "buzz", "biz"]}],
             "labels": [{"label": "Car", "editsAllowed":"any", "categoryAttributes": [{"name":"Y","type":"string","enum":["y1","y2"]}]}, {"label": "Pedestrian"}],
             "annotationType": "Keypoint",
             "instructions": {"shortInstruction":"Draw a tight Cuboid", "fullInstruction":"<html markup>"}}
            """;

        var (config, errors) = LabelCategoryConfig.Parse(json);

        Assert.Empty(errors);
        Assert.Equal([new("Car"), new LabelCategory("Pedestrian")], config!.Labels);
        Assert.Equal("Draw a tight Cuboid", config.ShortInstruction);
        Assert.Equal("<html markup>", config.FullInstruction);
    }

    [Fact]
    public void Parse_NoDocumentVersion_ReadsLabels()
    {
        var (config, errors) = LabelCategoryConfig.Parse("""{"labels": [{"label": "cat"}, {"label": "dog"}]}""");

        Assert.Empty(errors);
        Assert.Equal([new("cat"), new LabelCategory("dog")], config!.Labels);
    }

    [Fact]
    public void Parse_TrailingCommasAndComments_Accepted()
    {
        const string json = """
            {
              // Written by hand from the developer guide.
              "document-version": "2018-11-28",
              "labels": [{"label": "cat",}, {"label": "dog"},],
            }
            """;

        var (config, errors) = LabelCategoryConfig.Parse(json);

        Assert.Empty(errors);
        Assert.Equal([new("cat"), new LabelCategory("dog")], config!.Labels);
    }

    [Fact]
    public void Parse_ShortDisplayName_KeptPerLabel()
    {
        var (config, _) = LabelCategoryConfig.Parse(
            """{"document-version": "2018-11-28", "labels": [{"label": "Date", "shortDisplayName": "dt"}, {"label": "Verb"}, {"label": "Thing", "shortDisplayName": 3}]}""");

        Assert.Equal([new("Date", "dt"), new("Verb"), new LabelCategory("Thing")], config!.Labels);
    }

    [Fact]
    public void Parse_Instructions_ReadsShortAndFullHtml()
    {
        var (config, errors) = LabelCategoryConfig.Parse(
            """{"document-version": "2018-11-28", "labels": [{"label": "a"}, {"label": "b"}], "instructions": {"shortInstruction": "<p>Tag <b>names</b></p>", "fullInstruction": "<ol><li>One</li><li>Two &amp; three</li></ol>"}}""");

        Assert.Empty(errors);
        Assert.Equal("<p>Tag <b>names</b></p>", config!.ShortInstruction);
        Assert.Equal("<ol><li>One</li><li>Two &amp; three</li></ol>", config.FullInstruction);
    }

    [Fact]
    public void Parse_IntroductionSpelling_ReadAsInstructions()
    {
        var (config, _) = LabelCategoryConfig.Parse(
            """{"labels": [{"label": "a"}], "instructions": {"shortIntroduction": "short", "fullIntroduction": "full"}}""");

        Assert.Equal("short", config!.ShortInstruction);
        Assert.Equal("full", config.FullInstruction);
    }

    [Fact]
    public void Parse_OnlyShortInstruction_LeavesFullNull()
    {
        var (config, _) = LabelCategoryConfig.Parse("""{"labels": [{"label": "a"}], "instructions": {"shortInstruction": "short"}}""");

        Assert.Equal("short", config!.ShortInstruction);
        Assert.Null(config.FullInstruction);
    }

    [Fact]
    public void Parse_InvalidJsonOnLaterLine_ReportsLineAndPosition()
    {
        const string json = "{\n  \"document-version\": \"2018-11-28\",\n  \"labels\": [\n    {\"label\": \"cat\"}\n    {\"label\": \"dog\"}\n  ]\n}";

        var (config, errors) = LabelCategoryConfig.Parse(json);

        Assert.Null(config);
        Assert.Equal([new FieldError("labelCategoryConfig", "Not valid JSON at line 5, position 5.")], errors);
    }

    [Fact]
    public void Parse_MissingCommaAfterVersionAsInTheDeveloperGuide_ReportsPosition()
    {
        var (config, errors) = LabelCategoryConfig.Parse("""{"document-version": "2018-11-28" "labels": [{"label": "a"}]}""");

        Assert.Null(config);
        Assert.Equal([new FieldError("labelCategoryConfig", "Not valid JSON at line 1, position 35.")], errors);
    }

    [Fact]
    public void Parse_RawNewlineInsideString_ReportsLine()
    {
        var (config, errors) = LabelCategoryConfig.Parse("{\"labels\": [{\"label\": \"a\"}],\n\"instructions\": {\"shortInstruction\": \"one\ntwo\"}}");

        Assert.Null(config);
        Assert.Equal("labelCategoryConfig", Assert.Single(errors).Field);
        Assert.StartsWith("Not valid JSON at line 2, position ", errors[0].Message);
    }

    [Theory]
    [InlineData("""[{"label": "a"}]""")]
    [InlineData("\"labels\"")]
    [InlineData("null")]
    public void Parse_RootNotAnObject_Rejected(string json)
    {
        var (config, errors) = LabelCategoryConfig.Parse(json);

        Assert.Null(config);
        Assert.Equal([new FieldError("labelCategoryConfig", "The file must hold one JSON object with a \"labels\" array.")], errors);
    }

    [Theory]
    [InlineData("""{"document-version": "2018-11-28"}""")]
    [InlineData("""{"labels": {"label": "a"}}""")]
    [InlineData("""{"Labels": [{"label": "a"}]}""")]
    [InlineData("""{"labels": null}""")]
    public void Parse_NoLabelsArray_Rejected(string json)
    {
        var (config, errors) = LabelCategoryConfig.Parse(json);

        Assert.Null(config);
        Assert.Equal([new FieldError("labels", "The file has no \"labels\" array.")], errors);
    }

    [Fact]
    public void Parse_EmptyLabelsArray_ReturnsConfigWithoutLabels()
    {
        var (config, errors) = LabelCategoryConfig.Parse("""{"labels": []}""");

        Assert.Empty(errors);
        Assert.Empty(config!.Labels);
    }

    [Fact]
    public void Parse_EntriesOfTheWrongShape_ReportsEachIndex()
    {
        var (config, errors) = LabelCategoryConfig.Parse("""{"labels": [{"label": "a"}, "b", {"name": "c"}, {"label": 3}, {"label": "e"}]}""");

        Assert.Null(config);
        Assert.Equal([new("labels[1]", EntryShape), new("labels[2]", EntryShape), new FieldError("labels[3]", EntryShape)], errors);
    }

    [Fact]
    public void Parse_DuplicateLabels_ReportsLaterOccurrences()
    {
        var (config, errors) = LabelCategoryConfig.Parse("""{"labels": [{"label": "cat"}, {"label": "dog"}, {"label": "cat"}, {"label": "cat"}]}""");

        Assert.Null(config);
        Assert.Equal(
            [new("labels[2]", "Label 'cat' appears more than once."), new FieldError("labels[3]", "Label 'cat' appears more than once.")],
            errors);
    }

    [Fact]
    public void Parse_LabelsDifferingOnlyInCase_AreDistinct()
    {
        var (config, errors) = LabelCategoryConfig.Parse("""{"labels": [{"label": "Cat"}, {"label": "cat"}]}""");

        Assert.Empty(errors);
        Assert.Equal(2, config!.Labels.Count);
    }

    [Fact]
    public void Parse_InvalidLabelName_ReportsItsIndex()
    {
        var (config, errors) = LabelCategoryConfig.Parse("""{"labels": [{"label": "ok"}, {"label": " padded"}, {"label": "<b>x</b>"}]}""");

        Assert.Null(config);
        Assert.Equal(
            [
                new("labels[1]", "Label 'padded' has spaces at its start or end."),
                new FieldError("labels[2]", "Label '<b>x</b>' contains '<' or '>'; labels are plain text, not HTML."),
            ],
            errors);
    }

    /// <summary>
    /// PRODUCT BUG: entries of the wrong shape are skipped before the names are validated, so every later name error
    /// is reported at its index among the remaining entries, not at its index in the file ("labels[1]" here).
    /// </summary>
    [Fact]
    public void Parse_DuplicateAfterMalformedEntry_NamesIndexInFile()
    {
        var (_, errors) = LabelCategoryConfig.Parse("""{"labels": [{"name": "x"}, {"label": "cat"}, {"label": "cat"}]}""");

        Assert.Equal([new("labels[0]", EntryShape), new FieldError("labels[2]", "Label 'cat' appears more than once.")], errors);
    }

    [Fact]
    public void ValidateLabels_ValidDistinctLabels_ReturnsNoErrors()
    {
        Assert.Empty(LabelCategoryConfig.ValidateLabels(["cat", "dog", "bird"]));
    }

    [Fact]
    public void ValidateLabels_InvalidThenRepeated_ReportsBoth()
    {
        var errors = LabelCategoryConfig.ValidateLabels(["a", "", "a", ""]);

        Assert.Equal(
            [
                new("labels[1]", "A label cannot be empty."),
                new("labels[2]", "Label 'a' appears more than once."),
                new FieldError("labels[3]", "A label cannot be empty."),
            ],
            errors);
    }

    [Fact]
    public void ToJson_LabelsOnly_WritesCanonicalDocument()
    {
        var config = new LabelCategoryConfig([new("cat"), new("dog", "D")], null, null);

        Assert.Equal(
            """{"document-version":"2018-11-28","labels":[{"label":"cat"},{"label":"dog","shortDisplayName":"D"}]}""",
            config.ToJson());
    }

    [Fact]
    public void ToJson_WithInstructions_WritesBothKeys()
    {
        var config = new LabelCategoryConfig([new("a")], "Be quick", null);

        Assert.Equal(
            """{"document-version":"2018-11-28","labels":[{"label":"a"}],"instructions":{"shortInstruction":"Be quick","fullInstruction":null}}""",
            config.ToJson());
    }

    [Fact]
    public void ToJson_ParsedBack_GivesSameConfig()
    {
        var original = new LabelCategoryConfig(
            [new("Person", "PER"), new("Caf\u00e9 & \"bar\""), new("Date", "dt")],
            "<p>Tag <b>names</b> \u2014 quickly</p>",
            "<ol><li>Skip 'titles'</li></ol>");

        var (parsed, errors) = LabelCategoryConfig.Parse(original.ToJson());

        Assert.Empty(errors);
        Assert.Equal(original.Labels, parsed!.Labels);
        Assert.Equal(original.ShortInstruction, parsed.ShortInstruction);
        Assert.Equal(original.FullInstruction, parsed.FullInstruction);
    }
}
