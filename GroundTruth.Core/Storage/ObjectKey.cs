namespace GroundTruth.Core.Storage;

/// <summary>Rules for storage keys: relative, '/'-separated, no empty, <c>.</c> or <c>..</c> segments.</summary>
public static class ObjectKey
{
    /// <summary>Longest key accepted (S3's limit).</summary>
    public const int MaxLength = 1024;

    /// <summary>Normalises <paramref name="key"/> (backslashes to '/', leading '/' trimmed) and checks it.</summary>
    /// <returns>The normalised key, or <c>null</c> with <paramref name="error"/>.</returns>
    public static string? Normalize(string key, out string? error)
    {
        error = null;
        var normalized = key.Replace('\\', '/').TrimStart('/');
        if (normalized.Length == 0)
        {
            error = "The path is empty.";
            return null;
        }

        if (normalized.Length > MaxLength)
        {
            error = $"The path is longer than {MaxLength} characters.";
            return null;
        }

        if (normalized.Any(c => char.IsControl(c)))
        {
            error = "The path contains a control character.";
            return null;
        }

        foreach (var segment in normalized.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                error = $"The path '{key}' has an empty, '.' or '..' segment; paths may not leave the data folder.";
                return null;
            }
        }

        return normalized;
    }

    /// <summary>A key for an uploaded file: a folder, then a safe version of the file's own name.</summary>
    public static string ForUpload(string folder, string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).Trim('.');
        return $"{folder.Trim('/')}/{(safe.Length == 0 ? "file" : safe)}";
    }
}
