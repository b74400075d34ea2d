namespace GroundTruth.Core.Storage;

/// <summary>An <see cref="IObjectStore"/> on the local file system, confined to one root folder.</summary>
public sealed class LocalObjectStore : IObjectStore
{
    private readonly string _root;

    /// <summary>Creates the store over <paramref name="root"/>, creating the folder if needed.</summary>
    public LocalObjectStore(string root)
    {
        Directory.CreateDirectory(root);
        // Compare against the real folder, so a data folder that is itself a symbolic link (a mounted volume) works.
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        _root = Path.TrimEndingDirectorySeparator(new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? RealDirectory(full));
    }

    /// <summary>The absolute root folder.</summary>
    public string Root => _root;

    /// <inheritdoc />
    public string? TryGetKey(string sourceRef, out string? problem)
    {
        problem = null;
        if (sourceRef.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return ObjectKey.Normalize(sourceRef["s3://".Length..], out problem);
        }

        var path = sourceRef;
        if (sourceRef.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(sourceRef, UriKind.Absolute, out var uri))
            {
                problem = $"'{sourceRef}' is not a valid file URI.";
                return null;
            }

            path = uri.LocalPath;
        }
        else if (sourceRef.Contains("://", StringComparison.Ordinal))
        {
            problem = $"'{sourceRef}' uses a scheme this store cannot read; use a path inside the data folder or s3://bucket/key.";
            return null;
        }

        if (!Path.IsPathRooted(path))
        {
            return ObjectKey.Normalize(path, out problem);
        }

        var full = Path.GetFullPath(path);
        if (!IsInsideRoot(full))
        {
            problem = $"'{sourceRef}' is outside the data folder.";
            return null;
        }

        return ObjectKey.Normalize(Path.GetRelativePath(_root, full), out problem);
    }

    /// <summary>The absolute path of <paramref name="key"/>, guaranteed inside the root (symbolic links included).</summary>
    /// <exception cref="UnauthorizedAccessException">The key leaves the root.</exception>
    public string PathOf(string key)
    {
        var normalized = ObjectKey.Normalize(key, out var error) ?? throw new UnauthorizedAccessException(error);
        var full = Path.GetFullPath(Path.Combine(_root, normalized));
        if (!IsInsideRoot(full) || !IsInsideRoot(ResolveLinks(full)))
        {
            throw new UnauthorizedAccessException($"'{key}' is outside the data folder.");
        }

        return full;
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(key)));

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true)
            : null;
        return Task.FromResult(stream);
    }

    /// <inheritdoc />
    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var target = (AtomicFileStream)await OpenWriteAsync(key, cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            try
            {
                await content.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // A failed copy must not replace what was stored before.
                target.Abandon();
                throw;
            }
        }
    }

    /// <inheritdoc />
    public Task<Stream> OpenWriteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Task.FromResult<Stream>(new AtomicFileStream(path));
    }

    /// <inheritdoc />
    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? info.Length : (long?)null);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private bool IsInsideRoot(string full) =>
        full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string ResolveLinks(string full)
    {
        // Walk up to the deepest existing ancestor and resolve any symbolic link on the way.
        var current = full;
        var suffix = new Stack<string>();
        while (!File.Exists(current) && !Directory.Exists(current))
        {
            var parent = Path.GetDirectoryName(current);
            if (parent is null)
            {
                return full;
            }

            suffix.Push(Path.GetFileName(current));
            current = parent;
        }

        FileSystemInfo info = File.Exists(current) ? new FileInfo(current) : new DirectoryInfo(current);
        var resolved = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? RealDirectory(current);
        return suffix.Aggregate(resolved, Path.Combine);
    }

    private static string RealDirectory(string path)
    {
        var parent = Path.GetDirectoryName(path);
        if (parent is null)
        {
            return path;
        }

        var realParent = new DirectoryInfo(parent).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? RealDirectory(parent);
        return Path.Combine(realParent, Path.GetFileName(path));
    }

    /// <summary>
    /// Writes to a temporary file and moves it into place when disposed, so readers never see half a file; an
    /// abandoned write (or one only finalized, never disposed) deletes the temporary file instead.
    /// </summary>
    private sealed class AtomicFileStream(string path) : FileStream(
        path + "." + Guid.NewGuid().ToString("N") + ".tmp", FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true)
    {
        private bool _finished;
        private bool _abandoned;

        public void Abandon() => _abandoned = true;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Finish(commit: disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync().ConfigureAwait(false);
            Finish(commit: true);
        }

        private void Finish(bool commit)
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            if (commit && !_abandoned)
            {
                File.Move(Name, path, overwrite: true);
            }
            else
            {
                File.Delete(Name);
            }
        }
    }
}
