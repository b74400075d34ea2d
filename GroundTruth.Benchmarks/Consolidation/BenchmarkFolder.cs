namespace GroundTruth.Bench;

/// <summary>Finds <c>shared/benchmarks/consolidation</c> by walking up from the program's folder.</summary>
internal static class BenchmarkFolder
{
    /// <summary>The folder, or an exception when no ancestor has it.</summary>
    public static string Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "benchmarks", "consolidation");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No ancestor of the program folder has shared/benchmarks/consolidation.");
    }
}
