namespace GroundTruth.Core.Storage;

/// <summary>
/// Where data objects, uploads and outputs live. Keys are relative, '/'-separated paths such as
/// <c>uploads/2026/cat.jpg</c>. The local implementation keeps them under the data folder; an S3-compatible
/// implementation can map them to a bucket without callers changing.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Turns a manifest <c>source-ref</c> into a key: a relative key stays as it is, <c>s3://bucket/key</c> becomes
    /// <c>bucket/key</c>, and an absolute path or <c>file://</c> URI must lie inside the store.
    /// </summary>
    /// <returns>The key, or <c>null</c> with <paramref name="problem"/> saying why the reference is not allowed.</returns>
    string? TryGetKey(string sourceRef, out string? problem);

    /// <summary>Whether an object exists under <paramref name="key"/>.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading, or returns <c>null</c> when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes (or replaces) an object.</summary>
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a stream that writes (or replaces) an object when disposed.</summary>
    Task<Stream> OpenWriteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Size of an object in bytes, or <c>null</c> when it does not exist.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object if it exists.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
