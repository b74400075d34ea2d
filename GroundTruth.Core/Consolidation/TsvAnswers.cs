namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Reads the consolidation benchmark format (<c>shared/benchmarks/consolidation/README.md</c>): UTF-8,
/// tab-separated, one header line. <c>answers.tsv</c> has the header <c>item worker label</c> and one row per
/// answer; <c>gold.tsv</c> has <c>item label</c>. Values are kept verbatim. Every malformed line (wrong header,
/// wrong number of fields, an empty field, an empty line, a repeated gold item) raises
/// <see cref="TsvFormatException"/> naming the file and the 1-based line number.
/// </summary>
public static class TsvAnswers
{
    private static readonly string[] AnswersHeader = ["item", "worker", "label"];
    private static readonly string[] GoldHeader = ["item", "label"];

    /// <summary>Reads an answers file.</summary>
    /// <param name="path">Path of <c>answers.tsv</c>.</param>
    /// <returns>The answers in file order.</returns>
    /// <exception cref="TsvFormatException">A line is malformed.</exception>
    public static IReadOnlyList<ClassAnswer> ReadAnswers(string path)
    {
        using var reader = new StreamReader(path);
        return ReadAnswers(reader, path);
    }

    /// <summary>Reads answers from a reader.</summary>
    /// <param name="reader">The text, header first.</param>
    /// <param name="fileName">The name to report in errors.</param>
    /// <returns>The answers in input order.</returns>
    /// <exception cref="TsvFormatException">A line is malformed.</exception>
    public static IReadOnlyList<ClassAnswer> ReadAnswers(TextReader reader, string fileName)
    {
        var answers = new List<ClassAnswer>();
        foreach ((_, string[] fields) in ReadRows(reader, fileName, AnswersHeader))
        {
            answers.Add(new ClassAnswer(fields[0], fields[1], fields[2]));
        }

        return answers;
    }

    /// <summary>Reads a gold file.</summary>
    /// <param name="path">Path of <c>gold.tsv</c>.</param>
    /// <returns>Gold label by item id.</returns>
    /// <exception cref="TsvFormatException">A line is malformed or an item repeats.</exception>
    public static IReadOnlyDictionary<string, string> ReadGold(string path)
    {
        using var reader = new StreamReader(path);
        return ReadGold(reader, path);
    }

    /// <summary>Reads gold labels from a reader.</summary>
    /// <param name="reader">The text, header first.</param>
    /// <param name="fileName">The name to report in errors.</param>
    /// <returns>Gold label by item id.</returns>
    /// <exception cref="TsvFormatException">A line is malformed or an item repeats.</exception>
    public static IReadOnlyDictionary<string, string> ReadGold(TextReader reader, string fileName)
    {
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((int lineNumber, string[] fields) in ReadRows(reader, fileName, GoldHeader))
        {
            if (!gold.TryAdd(fields[0], fields[1]))
            {
                throw new TsvFormatException(fileName, lineNumber, $"item '{fields[0]}' already has a gold label");
            }
        }

        return gold;
    }

    private static IEnumerable<(int LineNumber, string[] Fields)> ReadRows(TextReader reader, string fileName, string[] header)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        string? line = reader.ReadLine();
        if (line is null)
        {
            throw new TsvFormatException(fileName, 1, $"empty file; expected the header '{string.Join("\\t", header)}'");
        }

        if (!line.Split('\t').SequenceEqual(header, StringComparer.Ordinal))
        {
            throw new TsvFormatException(fileName, 1, $"expected the header '{string.Join("\\t", header)}'");
        }

        int lineNumber = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string[] fields = line.Split('\t');
            if (fields.Length != header.Length)
            {
                throw new TsvFormatException(
                    fileName,
                    lineNumber,
                    $"expected {header.Length} tab-separated fields ({string.Join(", ", header)}), found {fields.Length}");
            }

            for (int f = 0; f < fields.Length; f++)
            {
                if (fields[f].Length == 0)
                {
                    throw new TsvFormatException(fileName, lineNumber, $"field '{header[f]}' is empty");
                }
            }

            yield return (lineNumber, fields);
        }
    }
}
