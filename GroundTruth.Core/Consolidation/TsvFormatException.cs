namespace GroundTruth.Core.Consolidation;

/// <summary>A row of an answers or gold TSV file is malformed; names the file and the 1-based line.</summary>
public sealed class TsvFormatException : FormatException
{
    /// <summary>Creates an exception with a default message.</summary>
    public TsvFormatException()
        : this("Malformed TSV file.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">The message.</param>
    public TsvFormatException(string message)
        : base(message)
    {
        FileName = string.Empty;
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public TsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
    }

    /// <summary>Creates an exception for one line of one file.</summary>
    /// <param name="fileName">The file (as the caller named it).</param>
    /// <param name="lineNumber">The 1-based line number; the header is line 1.</param>
    /// <param name="reason">What is wrong with the line.</param>
    public TsvFormatException(string fileName, int lineNumber, string reason)
        : base($"{fileName}, line {lineNumber}: {reason}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
    }

    /// <summary>The file, as the caller named it; empty when not known.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line number; 0 when not known.</summary>
    public int LineNumber { get; }
}
