using System.Text;
using GroundTruth.Core.Manifests;
using GroundTruth.Tests.TestSupport.Fakes;

namespace GroundTruth.Tests.Core.Manifests;

public class ManifestReaderTests
{
    private const string NotAnObject =
        "Each line must be one JSON object, like {\"source-ref\": \"images/cat.jpg\"} or {\"source\": \"some text\"}.";

    [Fact]
    public async Task ReadAsync_SourceRefLine_YieldsFileReference()
    {
        var entries = await ReadAllAsync("{\"source-ref\": \"s3://DOC-EXAMPLE-BUCKET1/example-image.png\"}\n");

        var entry = Assert.Single(entries);
        Assert.Null(entry.Error);
        Assert.Equal(
            new ManifestLine(0, "{\"source-ref\": \"s3://DOC-EXAMPLE-BUCKET1/example-image.png\"}", SourceKind.SourceRef, "s3://DOC-EXAMPLE-BUCKET1/example-image.png"),
            entry.Line);
    }

    [Fact]
    public async Task ReadAsync_SourceLineWithExtraKeys_KeepsLineVerbatim()
    {
        const string line = "{\"source\": \"Lorem ipsum \\u00e9 dolor\", \"id\": 7, \"top\":164.60000000000002,"
            + " \"prior\": {\"class_id\": [1, 2.50], \"b\": null}, \"z\": \"caf\u00e9\"}";

        var entries = await ReadAllAsync(line);

        var accepted = Assert.Single(entries).Line;
        Assert.NotNull(accepted);
        Assert.Equal(line, accepted.Json);
        Assert.Equal(SourceKind.Source, accepted.Kind);
        Assert.Equal("Lorem ipsum \u00e9 dolor", accepted.Source);
    }

    [Fact]
    public async Task ReadAsync_SeveralLines_NumbersLinesFromZero()
    {
        var entries = await ReadAllAsync("{\"source\":\"a\"}\n{\"source\":\"b\"}\n{\"source-ref\":\"c.png\"}\n");

        Assert.Equal([0L, 1, 2], entries.Select(e => e.Line!.LineIndex));
        Assert.Equal([1L, 2, 3], entries.Select(e => e.Line!.LineNumber));
        Assert.Equal(["a", "b", "c.png"], entries.Select(e => e.Line!.Source));
    }

    [Fact]
    public async Task ReadAsync_BlankAndWhitespaceOnlyLines_SkippedButCounted()
    {
        var entries = await ReadAllAsync("\n{\"source\":\"a\"}\n\n   \n\t \t\n{\"source\":\"b\"}\n \n");

        Assert.Equal([1L, 5], entries.Select(e => e.Line!.LineIndex));
    }

    [Fact]
    public async Task ReadAsync_CrLfEndings_StripsCarriageReturns()
    {
        var entries = await ReadAllAsync("{\"source\":\"a\"}\r\n \r\n\r\n{\"source\":\"b\",\"k\":1}\r\n");

        Assert.Equal(
            [new ManifestLine(0, "{\"source\":\"a\"}", SourceKind.Source, "a"), new ManifestLine(3, "{\"source\":\"b\",\"k\":1}", SourceKind.Source, "b")],
            entries.Select(e => e.Line));
    }

    [Fact]
    public async Task ReadAsync_Utf8BomBeforeFirstLine_IsNotPartOfTheLine()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"source\":\"a\"}\n{\"source\":\"b\"}"u8];

        var entries = await ReadAllAsync(new MemoryStream(bytes));

        Assert.Equal(["{\"source\":\"a\"}", "{\"source\":\"b\"}"], entries.Select(e => e.Line!.Json));
        Assert.Equal(bytes.Length, entries[^1].BytesRead);
    }

    [Fact]
    public async Task ReadAsync_MalformedJson_NamesLineAndPosition()
    {
        var entries = await ReadAllAsync("{\"source\":\"a\"}\n{\"source\": }\n{\"source\":\"c\"}\n");

        Assert.Equal(3, entries.Count);
        Assert.Null(entries[1].Line);
        Assert.Equal(new ManifestError(2, "Not valid JSON at position 12: '}' is an invalid start of a value."), entries[1].Error);
        Assert.Equal("Line 2: Not valid JSON at position 12: '}' is an invalid start of a value.", entries[1].Error!.ToString());
        Assert.Equal(2, entries[2].Line!.LineIndex);
    }

    [Theory]
    [InlineData("{\"source\":\"a\"", "Not valid JSON at position 14: Expected depth to be zero at the end of the JSON payload.")]
    [InlineData("{\"source\":\"a\"} x", "Not valid JSON at position 16: 'x' is invalid after a single JSON value.")]
    [InlineData("{'source':'a'}", "Not valid JSON at position 2: ''' is an invalid start of a property name.")]
    [InlineData("{\"source\":\"a\",}", "Not valid JSON at position 15: The JSON object contains a trailing comma at the end which is not supported in this mode.")]
    public void ParseLine_MalformedJson_NamesPosition(string line, string message)
    {
        var entry = ManifestReader.ParseLine(0, line);

        Assert.Equal(new ManifestError(1, message), entry?.Error);
    }

    /// <summary>
    /// PRODUCT BUG: the position is a UTF-8 byte offset, so every character before the error that is not ASCII
    /// (here three 3-byte CJK characters) pushes the reported position further right than the column an editor shows.
    /// </summary>
    [Fact]
    public void ParseLine_MalformedJsonAfterNonAsciiText_NamesCharacterPosition()
    {
        var entry = ManifestReader.ParseLine(0, "{\"source\":\"\u65e5\u672c\u8a9e\", x}");

        Assert.Equal("Not valid JSON at position 18: 'x' is an invalid start of a property name.", entry?.Error?.Message);
    }

    [Theory]
    [InlineData("[\"source\", \"a\"]")]
    [InlineData("\"source\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void ParseLine_NotAnObject_Rejected(string line)
    {
        var entry = ManifestReader.ParseLine(4, line);

        Assert.Equal(new ManifestEntry(null, new ManifestError(5, NotAnObject), Encoding.UTF8.GetByteCount(line)), entry);
    }

    [Fact]
    public void ParseLine_NeitherSourceKey_Rejected()
    {
        var entry = ManifestReader.ParseLine(0, "{\"image\":\"cat.jpg\",\"Source\":\"x\"}");

        Assert.Equal("The line has neither \"source-ref\" (a file) nor \"source\" (text).", entry?.Error?.Message);
    }

    [Fact]
    public void ParseLine_BothSourceKeys_Rejected()
    {
        var entry = ManifestReader.ParseLine(0, "{\"source\":\"text\",\"source-ref\":\"cat.jpg\"}");

        Assert.Equal(
            "The line has both \"source-ref\" and \"source\"; use \"source-ref\" for files or \"source\" for text, not both.",
            entry?.Error?.Message);
    }

    [Theory]
    [InlineData("{\"source\":42}", "\"source\" must be a string.")]
    [InlineData("{\"source\":{\"text\":\"a\"}}", "\"source\" must be a string.")]
    [InlineData("{\"source-ref\":null}", "\"source-ref\" must be a string.")]
    [InlineData("{\"source-ref\":[\"a.png\"]}", "\"source-ref\" must be a string.")]
    [InlineData("{\"source-ref\":true}", "\"source-ref\" must be a string.")]
    [InlineData("{\"source\":\"\"}", "\"source\" is empty.")]
    [InlineData("{\"source-ref\":\"\"}", "\"source-ref\" is empty.")]
    public void ParseLine_SourceNotANonEmptyString_Rejected(string line, string message)
    {
        var entry = ManifestReader.ParseLine(0, line);

        Assert.Null(entry?.Line);
        Assert.Equal(message, entry?.Error?.Message);
    }

    [Fact]
    public void ParseLine_AttributeNameStartingWithDollar_Rejected()
    {
        var entry = ManifestReader.ParseLine(0, "{\"source\":\"a\",\"$label-object-id\":\"x\"}");

        Assert.Equal("Attribute name '$label-object-id' starts with '$', which Ground Truth does not allow.", entry?.Error?.Message);
    }

    [Fact]
    public void ParseLine_DollarInsideAttributeName_Accepted()
    {
        var entry = ManifestReader.ParseLine(0, "{\"source\":\"a\",\"price$\":1}");

        Assert.Null(entry?.Error);
    }

    [Fact]
    public void ParseLine_StringAttributeOfExactlyTheLimit_Accepted()
    {
        var entry = ManifestReader.ParseLine(0, $"{{\"source\":\"a\",\"note\":\"{new string('x', 20_000)}\"}}");

        Assert.Null(entry?.Error);
        Assert.NotNull(entry?.Line);
    }

    [Theory]
    [InlineData("note")]
    [InlineData("source")]
    public void ParseLine_StringAttributeOverTheLimit_Rejected(string attribute)
    {
        var line = attribute == "source"
            ? $"{{\"source\":\"{new string('x', 20_001)}\"}}"
            : $"{{\"source\":\"a\",\"{attribute}\":\"{new string('x', 20_001)}\"}}";

        var entry = ManifestReader.ParseLine(0, line);

        Assert.Equal($"Attribute '{attribute}' is longer than Ground Truth's limit of 20,000 characters.", entry?.Error?.Message);
    }

    [Fact]
    public void ParseLine_StringAttributeLimit_CountsUnescapedCharacters()
    {
        // 5,000 escapes of 6 characters each: 30,000 characters on the line, 5,000 in the value.
        var value = string.Concat(Enumerable.Repeat("\\u00e9", 5_000));

        var entry = ManifestReader.ParseLine(0, $"{{\"source\":\"{value}\"}}");

        Assert.Null(entry?.Error);
        Assert.Equal(new string('\u00e9', 5_000), entry?.Line?.Source);
    }

    [Fact]
    public void ParseLine_NestedObjectOfExactlyTheLimit_Accepted()
    {
        // {"a":"…"} is the filler plus 8 characters.
        var entry = ManifestReader.ParseLine(0, $"{{\"source\":\"a\",\"prior\":{{\"a\":\"{new string('x', 19_992)}\"}}}}");

        Assert.Null(entry?.Error);
    }

    [Fact]
    public void ParseLine_NestedObjectOverTheLimit_Rejected()
    {
        var entry = ManifestReader.ParseLine(0, $"{{\"source\":\"a\",\"prior\":{{\"a\":\"{new string('x', 19_993)}\"}}}}");

        Assert.Equal("Attribute 'prior' is longer than Ground Truth's limit of 20,000 characters.", entry?.Error?.Message);
    }

    [Fact]
    public void ParseLine_NestedArrayOverTheLimit_Rejected()
    {
        // [1,1,…,1] with 10,001 ones is 20,003 characters.
        var array = "[" + string.Join(',', Enumerable.Repeat('1', 10_001)) + "]";

        var entry = ManifestReader.ParseLine(0, $"{{\"source\":\"a\",\"boxes\":{array}}}");

        Assert.Equal("Attribute 'boxes' is longer than Ground Truth's limit of 20,000 characters.", entry?.Error?.Message);
    }

    [Fact]
    public void ParseLine_LineOfExactlyTheLimit_Accepted()
    {
        var line = LineOfLength(100_000);

        var entry = ManifestReader.ParseLine(0, line);

        Assert.Null(entry?.Error);
        Assert.Equal(line, entry?.Line?.Json);
    }

    [Fact]
    public void ParseLine_LineOverTheLimit_Rejected()
    {
        var entry = ManifestReader.ParseLine(0, LineOfLength(100_001));

        Assert.Equal("The line has 100,001 characters; Ground Truth's limit is 100,000.", entry?.Error?.Message);
    }

    [Fact]
    public void ParseLine_LineOverTheLimitInBytesButNotCharacters_Accepted()
    {
        // 5 attributes of 19,000 two-byte characters: about 95,000 characters but 190,000 bytes.
        var attributes = Enumerable.Range(0, 5).Select(i => $",\"p{i}\":\"{new string('\u00e9', 19_000)}\"");
        var line = "{\"source\":\"a\"" + string.Concat(attributes) + "}";

        var entry = ManifestReader.ParseLine(0, line);

        Assert.Null(entry?.Error);
        Assert.Equal(95_054, entry?.Line?.Json.Length);
    }

    [Fact]
    public async Task ReadAsync_LineOfSeveralMegabytes_ReportsItWithoutHoldingItAndReadsOn()
    {
        // Arrange
        const int hugeLength = 8 * 1024 * 1024;
        var content = new byte[hugeLength + 64];
        var length = 0;
        Append("{\"source\":\""u8);
        content.AsSpan(length, hugeLength).Fill((byte)'x');
        length += hugeLength;
        Append("\"}\n{\"source\":\"next\"}\n"u8);
        var stream = new MemoryStream(content, 0, length);

        // Act
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var entries = await ReadAllAsync(stream);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        // Assert
        Assert.Equal(2, entries.Count);
        Assert.Equal(new ManifestError(1, "The line is longer than Ground Truth's limit of 100,000 characters."), entries[0].Error);
        Assert.Equal(hugeLength + 14, entries[0].BytesRead);
        Assert.Equal(new ManifestLine(1, "{\"source\":\"next\"}", SourceKind.Source, "next"), entries[1].Line);
        Assert.Equal(length, entries[1].BytesRead);

        // Holding the line would take at least its 8 MB; the reader's own buffers stay near 1 MB.
        Assert.InRange(allocated, 0, 3 * 1024 * 1024);

        void Append(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(content.AsSpan(length));
            length += bytes.Length;
        }
    }

    [Fact]
    public async Task ReadAsync_OverlongLineWithoutFinalNewline_ReportsIt()
    {
        var entries = await ReadAllAsync("{\"source\":\"a\"}\n{\"source\":\"" + new string('x', 500_000) + "\"}");

        Assert.Equal(2, entries.Count);
        Assert.Equal(new ManifestError(2, "The line is longer than Ground Truth's limit of 100,000 characters."), entries[1].Error);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task ReadAsync_InvalidUtf8_RejectsLineAndReadsOn(byte[] invalid)
    {
        byte[] bytes = [.. "{\"source\":\"a"u8, .. invalid, .. "\"}\n{\"source\":\"b\"}\n"u8];

        var entries = await ReadAllAsync(new MemoryStream(bytes));

        Assert.Equal(2, entries.Count);
        Assert.Equal(new ManifestError(1, "The line is not valid UTF-8 text."), entries[0].Error);
        Assert.Equal("b", entries[1].Line?.Source);
    }

    [Fact]
    public async Task ReadAsync_FinalLineWithoutNewline_IsRead()
    {
        var entries = await ReadAllAsync("{\"source\":\"a\"}\n{\"source\":\"b\"}");

        Assert.Equal(2, entries.Count);
        Assert.Equal(new ManifestLine(1, "{\"source\":\"b\"}", SourceKind.Source, "b"), entries[1].Line);
        Assert.Equal(29, entries[1].BytesRead);
    }

    [Fact]
    public async Task ReadAsync_EmptyStream_YieldsNothing()
    {
        var entries = await ReadAllAsync("");

        Assert.Empty(entries);
    }

    [Fact]
    public async Task ReadAsync_MixedLines_BytesReadIsOffsetAfterEachLine()
    {
        // 15 bytes, then a blank line (1), then 15 + CRLF (17: 'é' is two bytes), then 14 without a newline.
        var text = "{\"source\":\"a\"}\n\n{\"source\":\"\u00e9\"}\r\n{\"source\":\"c\"}";
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var entries = await ReadAllAsync(stream);

        Assert.Equal([15L, 33, 47], entries.Select(e => e.BytesRead));
        Assert.Equal(stream.Length, entries[^1].BytesRead);
    }

    [Fact]
    public async Task ReadAsync_StreamReturningOneByteAtATime_ReadsSameEntries()
    {
        // Arrange: a BOM, a two-byte and a four-byte character, CRLF, a blank line, a bad line and no final newline,
        // so every multi-byte sequence and line ending is split across reads.
        byte[] bytes =
        [
            0xEF, 0xBB, 0xBF,
            .. Encoding.UTF8.GetBytes("{\"source\":\"caf\u00e9 \U0001F600\",\"n\":1.50}\r\n\r\n{\"source\": }\n{\"source-ref\":\"b.png\"}"),
        ];
        var trickle = new TrickleStream(bytes);

        // Act
        var entries = await ReadAllAsync(trickle);

        // Assert
        ManifestEntry[] expected =
        [
            new(new ManifestLine(0, "{\"source\":\"caf\u00e9 \U0001F600\",\"n\":1.50}", SourceKind.Source, "caf\u00e9 \U0001F600"), null, 37),
            new(null, new ManifestError(3, "Not valid JSON at position 12: '}' is an invalid start of a value."), 52),
            new(new ManifestLine(3, "{\"source-ref\":\"b.png\"}", SourceKind.SourceRef, "b.png"), null, 74),
        ];
        Assert.Equal(expected, entries);
        Assert.Equal(bytes.Length, trickle.ReadCalls);
        Assert.Equal(bytes.Length, entries[^1].BytesRead);
    }

    [Fact]
    public async Task ReadAsync_CancelledToken_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var stream = new MemoryStream("{\"source\":\"a\"}\n"u8.ToArray());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in ManifestReader.ReadAsync(stream, cancellation.Token))
            {
            }
        });
    }

    [Fact]
    public void ParseLine_ValidLine_ReportsUtf8ByteCount()
    {
        var entry = ManifestReader.ParseLine(41, "{\"source\":\"na\u00efve\"}");

        Assert.Equal(new ManifestEntry(new ManifestLine(41, "{\"source\":\"na\u00efve\"}", SourceKind.Source, "na\u00efve"), null, 19), entry);
        Assert.Equal(42, entry!.Line!.LineNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    [InlineData(" \r")]
    public void ParseLine_BlankLine_ReturnsNull(string line)
    {
        Assert.Null(ManifestReader.ParseLine(0, line));
    }

    [Fact]
    public void ParseLine_TrailingCarriageReturn_IsStripped()
    {
        var entry = ManifestReader.ParseLine(2, "{\"source\":\"a\"}\r");

        Assert.Equal("{\"source\":\"a\"}", entry?.Line?.Json);
    }

    [Fact]
    public void ParseLine_ErrorOnLaterLine_NamesOneBasedLineNumber()
    {
        var entry = ManifestReader.ParseLine(41, "{\"neither\":1}");

        Assert.Equal(42, entry?.Error?.LineNumber);
    }

    private static async Task<List<ManifestEntry>> ReadAllAsync(string text) =>
        await ReadAllAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<List<ManifestEntry>> ReadAllAsync(Stream stream)
    {
        var entries = new List<ManifestEntry>();
        await foreach (var entry in ManifestReader.ReadAsync(stream, TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>A valid line of exactly <paramref name="length"/> characters, every attribute under 20,000.</summary>
    private static string LineOfLength(int length)
    {
        var builder = new StringBuilder("{\"source\":\"a\"");
        var index = 0;
        while (builder.Length + 1 < length)
        {
            var prefix = $",\"p{index++}\":\"";
            var filler = Math.Clamp(length - 1 - builder.Length - prefix.Length - 1, 0, 19_000);
            builder.Append(prefix).Append('x', filler).Append('"');
        }

        builder.Append('}');
        Assert.Equal(length, builder.Length);
        return builder.ToString();
    }
}
