using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace GroundTruth.Core.Manifests;

/// <summary>
/// Streams an input manifest (UTF-8 JSON Lines) line by line, validating each against Ground Truth's input rules
/// [DG:sms-input-data-input-manifest, DG:input-data-limits]: one JSON object per line, exactly one of
/// <c>source-ref</c> and <c>source</c>, at most 100,000 characters per line and 20,000 per attribute value,
/// no attribute name starting with <c>$</c>. Memory use is bounded by the longest allowed line, whatever the file size.
/// </summary>
public static class ManifestReader
{
    /// <summary>Longest line Ground Truth accepts, in characters.</summary>
    public const int MaxLineCharacters = 100_000;

    /// <summary>Longest single attribute value Ground Truth accepts, in characters.</summary>
    public const int MaxAttributeCharacters = 20_000;

    // A UTF-8 character takes at most 4 bytes; lines longer than this in bytes are too long in characters too.
    private const int MaxLineBytes = MaxLineCharacters * 4;

    /// <summary>Reads <paramref name="stream"/> to its end, yielding one entry per non-blank line.</summary>
    public static async IAsyncEnumerable<ManifestEntry> ReadAsync(
        Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new byte[64 * 1024];
        var line = new LineBuffer(MaxLineBytes);
        long lineIndex = 0, bytesRead = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                line.Append(buffer.AsSpan(start, i - start));
                bytesRead += i - start + 1;
                var entry = Parse(lineIndex++, line, bytesRead);
                line.Clear();
                start = i + 1;
                if (entry is not null)
                {
                    yield return entry;
                }
            }

            line.Append(buffer.AsSpan(start, read - start));
            bytesRead += read - start;
        }

        if (line.Length > 0 || line.Overflowed)
        {
            var last = Parse(lineIndex, line, bytesRead);
            if (last is not null)
            {
                yield return last;
            }
        }
    }

    /// <summary>Validates one line of text, as <see cref="ReadAsync"/> does for each line of a file.</summary>
    /// <param name="lineIndex">The 0-based index of the line, used in the result and error messages.</param>
    /// <param name="text">The line without its line break.</param>
    /// <returns>The accepted line or the error; <c>null</c> for a blank line.</returns>
    public static ManifestEntry? ParseLine(long lineIndex, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var buffer = new LineBuffer(MaxLineBytes);
        buffer.Append(bytes);
        return Parse(lineIndex, buffer, bytes.Length);
    }

    private static ManifestEntry? Parse(long lineIndex, LineBuffer line, long bytesRead)
    {
        var lineNumber = lineIndex + 1;
        if (line.Overflowed)
        {
            return Fail($"The line is longer than Ground Truth's limit of {MaxLineCharacters:N0} characters.");
        }

        var bytes = line.Span;
        if (lineIndex == 0 && bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (bytes.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }

        if (!Utf8.IsValid(bytes))
        {
            return Fail("The line is not valid UTF-8 text.");
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (text.Length > MaxLineCharacters)
        {
            return Fail($"The line has {text.Length:N0} characters; Ground Truth's limit is {MaxLineCharacters:N0}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            var position = Encoding.UTF8.GetCharCount(bytes[..(int)Math.Min(bytes.Length, ex.BytePositionInLine ?? 0)]) + 1;
            return Fail($"Not valid JSON at position {position}: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            var problem = Validate(document.RootElement, out var kind, out var source);
            return problem is null
                ? new ManifestEntry(new ManifestLine(lineIndex, text, kind, source!), null, bytesRead)
                : Fail(problem);
        }

        ManifestEntry Fail(string message) => new(null, new ManifestError(lineNumber, message), bytesRead);
    }

    private static string? Validate(JsonElement root, out SourceKind kind, out string? source)
    {
        kind = default;
        source = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "Each line must be one JSON object, like {\"source-ref\": \"images/cat.jpg\"} or {\"source\": \"some text\"}.";
        }

        JsonElement? sourceRef = null, sourceText = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name.StartsWith('$'))
            {
                return $"Attribute name '{property.Name}' starts with '$', which Ground Truth does not allow.";
            }

            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Length > MaxAttributeCharacters)
            {
                return $"Attribute '{property.Name}' is longer than Ground Truth's limit of {MaxAttributeCharacters:N0} characters.";
            }

            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                && property.Value.GetRawText().Length > MaxAttributeCharacters)
            {
                return $"Attribute '{property.Name}' is longer than Ground Truth's limit of {MaxAttributeCharacters:N0} characters.";
            }

            if (property.NameEquals("source-ref"))
            {
                sourceRef = property.Value;
            }
            else if (property.NameEquals("source"))
            {
                sourceText = property.Value;
            }
        }

        if (sourceRef is not null && sourceText is not null)
        {
            return "The line has both \"source-ref\" and \"source\"; use \"source-ref\" for files or \"source\" for text, not both.";
        }

        if (sourceRef is null && sourceText is null)
        {
            return "The line has neither \"source-ref\" (a file) nor \"source\" (text).";
        }

        var (name, value) = sourceRef is { } r ? ("source-ref", r) : ("source", sourceText!.Value);
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"\"{name}\" must be a string.";
        }

        source = value.GetString()!;
        if (source.Length == 0)
        {
            return $"\"{name}\" is empty.";
        }

        kind = sourceRef is not null ? SourceKind.SourceRef : SourceKind.Source;
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>Collects one line's bytes, remembering (but not keeping) anything past the limit.</summary>
    private sealed class LineBuffer(int limit)
    {
        private byte[] _bytes = new byte[1024];

        public int Length { get; private set; }

        public bool Overflowed { get; private set; }

        public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

        public void Append(ReadOnlySpan<byte> data)
        {
            if (Overflowed || data.IsEmpty)
            {
                return;
            }

            if (Length + data.Length > limit)
            {
                Overflowed = true;
                return;
            }

            if (Length + data.Length > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Min(limit, Math.Max(_bytes.Length * 2, Length + data.Length)));
            }

            data.CopyTo(_bytes.AsSpan(Length));
            Length += data.Length;
        }

        public void Clear()
        {
            Length = 0;
            Overflowed = false;
        }
    }
}
