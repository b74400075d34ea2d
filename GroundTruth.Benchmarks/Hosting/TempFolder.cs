namespace GroundTruth.Benchmarks.Hosting;

/// <summary>A temporary folder for generated inputs and outputs, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gt-bench-files-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Could not delete {Path}: {ex.Message}");
        }
    }
}
