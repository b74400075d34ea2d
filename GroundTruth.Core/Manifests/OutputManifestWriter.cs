using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GroundTruth.Core.Manifests;

/// <summary>
/// Writes output (augmented) manifest lines [DG:sms-data-output]: each input line with
/// <c>"&lt;attr&gt;": label</c> and <c>"&lt;attr&gt;-metadata": {…}</c>. Input keys keep their order and values;
/// an input key with the same name as either output key is overwritten in place.
/// </summary>
public sealed class OutputManifestWriter : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text readable, as in real Ground Truth output; the manifest is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Creates a writer appending lines to <paramref name="output"/>.</summary>
    public OutputManifestWriter(Stream output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(output, WriterOptions);
    }

    /// <summary>Writes an input line unchanged (an object not labeled yet).</summary>
    public void WriteUnlabeled(string inputJson)
    {
        using var document = JsonDocument.Parse(inputJson);
        _writer.Reset(_output);
        var raw = document.RootElement.GetRawText();
        if (raw.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            document.RootElement.WriteTo(_writer);
        }
        else
        {
            _writer.WriteRawValue(raw, skipInputValidation: true);
        }
        EndLine();
    }

    /// <summary>Writes an input line augmented with a label and its metadata.</summary>
    /// <param name="inputJson">The input manifest line.</param>
    /// <param name="labelAttributeName">The job's label attribute name.</param>
    /// <param name="label">The label value (class index, index array, object…).</param>
    /// <param name="metadata">The full metadata object.</param>
    public void WriteLabeled(string inputJson, string labelAttributeName, JsonNode? label, JsonObject metadata)
    {
        var metadataName = labelAttributeName + "-metadata";
        using var document = JsonDocument.Parse(inputJson);
        _writer.Reset(_output);
        _writer.WriteStartObject();
        bool wroteLabel = false, wroteMetadata = false;
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.NameEquals(labelAttributeName))
            {
                WriteNode(labelAttributeName, label);
                wroteLabel = true;
            }
            else if (property.NameEquals(metadataName))
            {
                WriteNode(metadataName, metadata);
                wroteMetadata = true;
            }
            else
            {
                // Input values are copied as written (numbers like 164.60000000000002, emoji, escapes) unless a
                // line break inside would split the JSON Lines record.
                var raw = property.Value.GetRawText();
                if (raw.AsSpan().IndexOfAny('\n', '\r') >= 0)
                {
                    property.WriteTo(_writer);
                }
                else
                {
                    _writer.WritePropertyName(property.Name);
                    _writer.WriteRawValue(raw, skipInputValidation: true);
                }
            }
        }

        if (!wroteLabel)
        {
            WriteNode(labelAttributeName, label);
        }

        if (!wroteMetadata)
        {
            WriteNode(metadataName, metadata);
        }

        _writer.WriteEndObject();
        EndLine();
    }

    /// <summary>Writes an input line augmented with a label and metadata that are already serialised JSON.</summary>
    public void WriteLabeled(string inputJson, string labelAttributeName, string labelJson, string metadataJson) =>
        WriteLabeled(inputJson, labelAttributeName, JsonNode.Parse(labelJson), (JsonObject)JsonNode.Parse(metadataJson)!);

    /// <summary>Builds one augmented line as a string (for streaming single objects and for tests).</summary>
    public static string Augment(string inputJson, string labelAttributeName, JsonNode? label, JsonObject metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new OutputManifestWriter(buffer))
        {
            writer.WriteLabeled(inputJson, labelAttributeName, label, metadata);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimEnd('\n');
    }

    /// <summary>Pushes anything buffered to the output stream.</summary>
    public void Flush() => _writer.Flush();

    /// <inheritdoc />
    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
    }

    private void WriteNode(string name, JsonNode? node)
    {
        _writer.WritePropertyName(name);
        if (node is null)
        {
            _writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(_writer);
        }
    }

    private void EndLine()
    {
        _writer.Flush();
        _output.WriteByte((byte)'\n');
    }
}
