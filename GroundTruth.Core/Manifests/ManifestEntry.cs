namespace GroundTruth.Core.Manifests;

/// <summary>What <see cref="ManifestReader"/> yields for each non-blank line: an accepted line or an error, never both.</summary>
/// <param name="Line">The accepted line, or <c>null</c>.</param>
/// <param name="Error">The reason the line was rejected, or <c>null</c>.</param>
/// <param name="BytesRead">Bytes of the stream consumed so far, for progress reporting.</param>
public sealed record ManifestEntry(ManifestLine? Line, ManifestError? Error, long BytesRead);
