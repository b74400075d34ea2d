namespace GroundTruth.Core.Manifests;

/// <summary>One accepted line of an input manifest.</summary>
/// <param name="LineIndex">The 0-based index of the line in the file; Ground Truth's <c>datasetObjectId</c>.</param>
/// <param name="Json">The line exactly as read (less a trailing carriage return), so extra keys pass through untouched.</param>
/// <param name="Kind">Whether the line has <c>source-ref</c> or <c>source</c>.</param>
/// <param name="Source">The value of that key: a file reference or the text.</param>
public sealed record ManifestLine(long LineIndex, string Json, SourceKind Kind, string Source)
{
    /// <summary>The 1-based line number people see in an editor.</summary>
    public long LineNumber => LineIndex + 1;
}
