namespace GroundTruth.Core.Manifests;

/// <summary>Which of the two data keys a manifest line uses.</summary>
public enum SourceKind
{
    /// <summary><c>source-ref</c>: a reference to a file (an image).</summary>
    SourceRef,

    /// <summary><c>source</c>: the text itself.</summary>
    Source,
}
