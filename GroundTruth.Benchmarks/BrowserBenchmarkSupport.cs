namespace GroundTruth.Benchmarks;

/// <summary>What the browser benchmarks (canvas, NER, submit-next) share: their option parsing and finding the repository.</summary>
internal static class BrowserBenchmarkSupport
{
    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or <c>null</c>.</summary>
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The folder holding GroundTruth.sln, searched up from the working directory and then from the binaries.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GroundTruth.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository (GroundTruth.sln not found).");
    }
}
