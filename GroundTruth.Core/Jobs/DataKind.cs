namespace GroundTruth.Core.Jobs;

/// <summary>What a data object of a job is: a file referenced by <c>source-ref</c>, or inline text in <c>source</c>.</summary>
public enum DataKind
{
    /// <summary>An image file named by the manifest's <c>source-ref</c>.</summary>
    Image,

    /// <summary>Text held inline in the manifest's <c>source</c>.</summary>
    Text,
}
