namespace GroundTruth.Benchmarks.Measurement;

/// <summary>A text table in Markdown pipe syntax: readable in a terminal and pasteable into an issue.</summary>
internal sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the table; the first column is left-aligned, the figures right-aligned.</summary>
    public void Write(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        WriteRow(writer, headers, widths);
        writer.WriteLine("| " + string.Join(" | ", widths.Select((w, i) => i == 0 ? new string('-', w) : new string('-', w - 1) + ":")) + " |");
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }

        writer.WriteLine();
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths) =>
        writer.WriteLine("| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
}
