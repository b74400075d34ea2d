using System.Text;
using System.Text.Json.Nodes;
using GroundTruth.Core.Manifests;

namespace GroundTruth.Tests.Core.Manifests;

public class OutputManifestWriterTests
{
    private static JsonObject ClassMetadata => new() { ["class-name"] = "Bird", ["confidence"] = 0.88 };

    [Fact]
    public void Augment_InputKeys_KeepOrderAndRawValues()
    {
        const string input = "{\"source-ref\":\"s3://b/000411001ff7dd4f.jpg\",\"top\":164.60000000000002,\"big\":12345678901234567890123,"
            + "\"exp\":1E+5,\"trailing\":2.50,\"flag\":true,\"none\":null,\"nested\":{\"z\":1,\"a\":[1.10,\"x\",{}]}}";

        var output = OutputManifestWriter.Augment(input, "category", JsonValue.Create(0), ClassMetadata);

        Assert.Equal(
            input[..^1] + ",\"category\":0,\"category-metadata\":{\"class-name\":\"Bird\",\"confidence\":0.88}}",
            output);
    }

    [Fact]
    public void Augment_InputWithWhitespace_KeepsValuesAsWrittenOnOneLine()
    {
        var output = OutputManifestWriter.Augment("{ \"source\" : \"a b\" ,\n \"id\": [ 1, 2 ], \"n\": {\n\"x\": 1} }", "mood", JsonValue.Create(1), []);

        Assert.Equal("{\"source\":\"a b\",\"id\":[ 1, 2 ],\"n\":{\"x\":1},\"mood\":1,\"mood-metadata\":{}}", output);
    }

    [Fact]
    public void Augment_NonAsciiText_StaysReadable()
    {
        const string input = "{\"source\":\"Caf\u00e9 \u65e5\u672c\u8a9e \u2014 na\u00efve <b>&'\"}";

        var output = OutputManifestWriter.Augment(input, "mood", JsonValue.Create(1), new JsonObject { ["class-name"] = "\u00e9t\u00e9" });

        Assert.Equal(
            "{\"source\":\"Caf\u00e9 \u65e5\u672c\u8a9e \u2014 na\u00efve <b>&'\",\"mood\":1,\"mood-metadata\":{\"class-name\":\"\u00e9t\u00e9\"}}",
            output);
    }

    [Fact]
    public void Augment_QuotesBackslashesAndControlCharacters_StayEscaped()
    {
        const string input = "{\"source\":\"say \\\"hi\\\"\\\\n\\ttab\"}";

        var output = OutputManifestWriter.Augment(input, "mood", JsonValue.Create(1), []);

        Assert.Equal("{\"source\":\"say \\\"hi\\\"\\\\n\\ttab\",\"mood\":1,\"mood-metadata\":{}}", output);
    }

    /// <summary>
    /// PRODUCT BUG: System.Text.Json's relaxed encoder still escapes characters outside the Basic Multilingual Plane,
    /// so an emoji in the input (common in review and tweet text) comes out as <c>\uD83D\uDE00</c>, against the
    /// writer's own promise to keep non-ASCII text readable and pass input values through unchanged.
    /// </summary>
    [Fact]
    public void Augment_EmojiInInput_StaysReadable()
    {
        var output = OutputManifestWriter.Augment("{\"source\":\"Great food \U0001F600\"}", "mood", JsonValue.Create(1), []);

        Assert.Equal("{\"source\":\"Great food \U0001F600\",\"mood\":1,\"mood-metadata\":{}}", output);
    }

    [Fact]
    public void Augment_ExistingLabelAndMetadataKeys_OverwrittenInPlace()
    {
        const string input = "{\"source\":\"x\",\"mood\":\"0\",\"id\":3,\"mood-metadata\":{\"class-name\":\"old\"},\"after\":true}";

        var output = OutputManifestWriter.Augment(input, "mood", JsonValue.Create(2), new JsonObject { ["class-name"] = "new" });

        Assert.Equal("{\"source\":\"x\",\"mood\":2,\"id\":3,\"mood-metadata\":{\"class-name\":\"new\"},\"after\":true}", output);
    }

    [Fact]
    public void Augment_OnlyMetadataKeyExists_ReplacesItInPlaceAndAppendsLabel()
    {
        const string input = "{\"mood-metadata\":{\"stale\":1},\"source\":\"x\"}";

        var output = OutputManifestWriter.Augment(input, "mood", JsonValue.Create(1), new JsonObject { ["fresh"] = 2 });

        Assert.Equal("{\"mood-metadata\":{\"fresh\":2},\"source\":\"x\",\"mood\":1}", output);
    }

    [Fact]
    public void Augment_KeysThatOnlyStartWithTheAttributeName_AreKept()
    {
        const string input = "{\"source\":\"x\",\"mood-ref\":\"a\",\"mood-metadata-old\":1,\"Mood\":2}";

        var output = OutputManifestWriter.Augment(input, "mood", JsonValue.Create(0), []);

        Assert.Equal("{\"source\":\"x\",\"mood-ref\":\"a\",\"mood-metadata-old\":1,\"Mood\":2,\"mood\":0,\"mood-metadata\":{}}", output);
    }

    [Fact]
    public void Augment_PriorLabelsFromAnotherJob_PassThrough()
    {
        const string input = "{\"source-ref\":\"s3://b/a.jpg\",\"species\":9,\"species-metadata\":{\"confidence\":0.95,\"job-name\":\"labeling-job/birds\"}}";

        var output = OutputManifestWriter.Augment(input, "verify", JsonValue.Create(1), new JsonObject { ["class-name"] = "bad" });

        Assert.Equal(input[..^1] + ",\"verify\":1,\"verify-metadata\":{\"class-name\":\"bad\"}}", output);
    }

    [Fact]
    public void Augment_MultiLabelAndNullLabels_WrittenAsGiven()
    {
        var multi = OutputManifestWriter.Augment("{\"source\":\"x\"}", "tags", new JsonArray(1, 0, 8), []);
        var none = OutputManifestWriter.Augment("{\"source\":\"x\"}", "tags", null, []);

        Assert.Equal("{\"source\":\"x\",\"tags\":[1,0,8],\"tags-metadata\":{}}", multi);
        Assert.Equal("{\"source\":\"x\",\"tags\":null,\"tags-metadata\":{}}", none);
    }

    [Fact]
    public void WriteLabeled_SerialisedLabelAndMetadata_WritesThemUnchanged()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act
        using (var writer = new OutputManifestWriter(stream))
        {
            writer.WriteLabeled(
                "{\"source-ref\":\"s3://birdstop-ic-us-west-2/0273f487d52c16d2.jpg\"}",
                "birds-open-images-clone",
                "9",
                "{\"confidence\":0.95,\"job-name\":\"labeling-job/birds-open-images-clone\",\"class-name\":\"Canary\",\"human-annotated\":\"yes\",\"creation-date\":\"2019-04-18T16:40:59.217995\",\"type\":\"groundtruth/image-classification\"}");
        }

        // Assert
        Assert.Equal(
            "{\"source-ref\":\"s3://birdstop-ic-us-west-2/0273f487d52c16d2.jpg\",\"birds-open-images-clone\":9,\"birds-open-images-clone-metadata\":{\"confidence\":0.95,\"job-name\":\"labeling-job/birds-open-images-clone\",\"class-name\":\"Canary\",\"human-annotated\":\"yes\",\"creation-date\":\"2019-04-18T16:40:59.217995\",\"type\":\"groundtruth/image-classification\"}}\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void WriteUnlabeled_InputLine_WrittenUnchangedWithNewline()
    {
        using var stream = new MemoryStream();
        using (var writer = new OutputManifestWriter(stream))
        {
            writer.WriteUnlabeled("{\"source\":\"na\u00efve\",\"top\":164.60000000000002,\"mood\":\"1\"}");
        }

        Assert.Equal("{\"source\":\"na\u00efve\",\"top\":164.60000000000002,\"mood\":\"1\"}\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Write_SeveralLinesInOneStream_EachEndsInNewline()
    {
        // Arrange
        using var stream = new MemoryStream();

        // Act
        using (var writer = new OutputManifestWriter(stream))
        {
            writer.WriteUnlabeled("{\"source\":\"a\"}");
            writer.WriteLabeled("{\"source\":\"b\"}", "mood", JsonValue.Create(1), new JsonObject { ["confidence"] = 0 });
            writer.WriteUnlabeled("{\"source\":\"c\"}");
            writer.WriteLabeled("{\"source\":\"d\"}", "mood", "0", "{\"confidence\":0.5}");
        }

        // Assert
        Assert.Equal(
            "{\"source\":\"a\"}\n"
            + "{\"source\":\"b\",\"mood\":1,\"mood-metadata\":{\"confidence\":0}}\n"
            + "{\"source\":\"c\"}\n"
            + "{\"source\":\"d\",\"mood\":0,\"mood-metadata\":{\"confidence\":0.5}}\n",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Write_BeforeDispose_LineIsAlreadyInTheStream()
    {
        using var stream = new MemoryStream();
        using var writer = new OutputManifestWriter(stream);

        writer.WriteUnlabeled("{\"source\":\"a\"}");

        Assert.Equal("{\"source\":\"a\"}\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Dispose_AfterWriting_LeavesOutputStreamOpen()
    {
        using var stream = new MemoryStream();
        using (var writer = new OutputManifestWriter(stream))
        {
            writer.WriteUnlabeled("{\"source\":\"a\"}");
        }

        Assert.True(stream.CanWrite);
    }

    [Fact]
    public void Augment_AnyLine_ReturnsItWithoutNewline()
    {
        var output = OutputManifestWriter.Augment("{\"source\":\"a\"}", "mood", JsonValue.Create(1), []);

        Assert.False(output.EndsWith('\n'));
    }
}
