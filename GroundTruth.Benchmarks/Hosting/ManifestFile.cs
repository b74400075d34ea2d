using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GroundTruth.Benchmarks.Hosting;

/// <summary>
/// A generated text manifest: <c>{"source":"…","id":i}</c> lines, with a few bad lines spread through it (one of
/// each kind of problem in turn) so the import's rejection path runs too.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="GoodLines">Lines that become data objects.</param>
/// <param name="RejectedByReader">Lines <c>ManifestReader</c> rejects (bad JSON, no source…).</param>
/// <param name="RejectedByImporter">Lines the reader accepts but a text job rejects (<c>source-ref</c>).</param>
/// <param name="BlankLines">Blank lines, which are skipped silently.</param>
/// <param name="Bytes">File size.</param>
internal sealed record ManifestFile(string Path, long GoodLines, long RejectedByReader, long RejectedByImporter, long BlankLines, long Bytes)
{
    private const int BadLineCount = 10;

    private static readonly (string Text, BadKind Kind)[] BadLines =
    [
        ("{\"source\": \"an unterminated string", BadKind.Reader),
        ("{\"id\": 42, \"note\": \"neither source nor source-ref\"}", BadKind.Reader),
        ("[\"an\", \"array\", \"not an object\"]", BadKind.Reader),
        ("{\"source-ref\": \"images/cat.jpg\"}", BadKind.Importer),
        ("", BadKind.Blank),
        ("{\"source\": \"\"}", BadKind.Reader),
    ];

    private enum BadKind
    {
        Reader,
        Importer,
        Blank,
    }

    private static readonly string[] Reviews =
    [
        "The product arrived on time and works exactly as described.",
        "Terrible support: three emails and still no answer after a week.",
        "It is fine. Nothing special, nothing wrong, it does the job.",
        "Très bien emballé, livraison rapide — je recommande !",
        "Stopped working after two days; the \"warranty\" is a joke.",
        "Good value for the price, although the manual is confusing.",
        "Absolutely love it, bought a second one for my sister ❤",
        "Colour differs from the photos but quality is acceptable.",
    ];

    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Lines the import report must list.</summary>
    public long RejectedLines => RejectedByReader + RejectedByImporter;

    /// <summary>Every line of the file, blank ones included.</summary>
    public long TotalLines => GoodLines + RejectedLines + BlankLines;

    /// <summary>Writes <paramref name="goodLines"/> good lines plus about ten bad ones to <paramref name="path"/>.</summary>
    public static async Task<ManifestFile> WriteAsync(string path, int goodLines, CancellationToken cancellationToken)
    {
        var badEvery = Math.Max(1, goodLines / BadLineCount);
        var counts = new Dictionary<BadKind, long> { [BadKind.Reader] = 0, [BadKind.Importer] = 0, [BadKind.Blank] = 0 };
        var bad = 0;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
        await using (var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 20))
        {
            for (var i = 0; i < goodLines; i++)
            {
                if (i > 0 && i % badEvery == 0 && bad < BadLineCount)
                {
                    var (text, kind) = BadLines[bad++ % BadLines.Length];
                    counts[kind]++;
                    await writer.WriteLineAsync(text.AsMemory(), cancellationToken);
                }

                var source = string.Create(CultureInfo.InvariantCulture, $"Review {i}: {Reviews[i % Reviews.Length]}");
                var json = JsonSerializer.Serialize(new GoodLine(source, i), LineOptions);
                await writer.WriteLineAsync(json.AsMemory(), cancellationToken);
            }
        }

        return new ManifestFile(path, goodLines, counts[BadKind.Reader], counts[BadKind.Importer], counts[BadKind.Blank], new FileInfo(path).Length);
    }

    private sealed record GoodLine(
        [property: System.Text.Json.Serialization.JsonPropertyName("source")] string Source,
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] int Id);
}
