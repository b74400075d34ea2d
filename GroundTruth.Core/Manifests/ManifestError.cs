namespace GroundTruth.Core.Manifests;

/// <summary>A rejected manifest line and why.</summary>
/// <param name="LineNumber">The 1-based line number in the file.</param>
/// <param name="Message">What is wrong with the line.</param>
public sealed record ManifestError(long LineNumber, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"Line {LineNumber}: {Message}";
}
