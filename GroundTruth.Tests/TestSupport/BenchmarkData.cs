using System.Collections.Concurrent;
using System.Text.Json;

using GroundTruth.Core.Consolidation;

namespace GroundTruth.Tests.TestSupport;

/// <summary>
/// The consolidation benchmarks in <c>shared/benchmarks/consolidation</c>, found by walking up from the test's
/// base directory until an ancestor has that folder. Missing data fails the test; nothing is skipped.
/// </summary>
internal static class BenchmarkData
{
    /// <summary>The six data sets the README describes.</summary>
    public static readonly string[] Names = ["d_product", "d_possent", "s_rel", "s_adult", "bluebirds", "rte"];

    private static readonly ConcurrentDictionary<string, DataSet> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<JsonDocument> Measured = new(
        () => JsonDocument.Parse(File.ReadAllText(Path.Combine(Locate(), "measured_results.json"))));

    /// <summary>The benchmark folder.</summary>
    public static string Folder => Locate();

    /// <summary>Answers and gold labels of one data set, read once per test run.</summary>
    public static DataSet Load(string name) => Cache.GetOrAdd(name, static n => new DataSet(
        TsvAnswers.ReadAnswers(Path.Combine(Folder, n, "answers.tsv")),
        TsvAnswers.ReadGold(Path.Combine(Folder, n, "gold.tsv"))));

    /// <summary>A "strict" accuracy of the reference implementation from <c>measured_results.json</c>.</summary>
    /// <param name="name">Data set.</param>
    /// <param name="variant">Variant key, e.g. <c>MV</c> or <c>DS_full</c>.</param>
    public static double ReferenceStrict(string name, string variant)
    {
        foreach (JsonElement entry in Measured.Value.RootElement.EnumerateArray())
        {
            if (entry.GetProperty("dataset").GetString() == name)
            {
                return entry.GetProperty(variant).GetProperty("strict").GetDouble();
            }
        }

        throw new KeyNotFoundException($"measured_results.json has no data set '{name}'.");
    }

    private static string Locate()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "benchmarks", "consolidation");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No ancestor of {AppContext.BaseDirectory} has shared/benchmarks/consolidation; the benchmark data is required.");
    }

    /// <summary>One data set.</summary>
    /// <param name="Answers">All answers, in file order.</param>
    /// <param name="Gold">Gold label by item.</param>
    internal sealed record DataSet(IReadOnlyList<ClassAnswer> Answers, IReadOnlyDictionary<string, string> Gold);
}
