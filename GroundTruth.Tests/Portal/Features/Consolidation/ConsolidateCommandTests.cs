using GroundTruth.Portal.Features.Consolidation;
using GroundTruth.Tests.TestSupport;

namespace GroundTruth.Tests.Portal.Features.Consolidation;

public sealed class ConsolidateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gt-consolidate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("mv", 75.0)]
    [InlineData("ds", 88.5)]
    public void Run_BluebirdsFolder_WritesConsolidatedTsvAndPrintsAccuracyLast(string method, double atLeast)
    {
        var source = Path.Combine(BenchmarkData.Folder, "bluebirds");
        File.Copy(Path.Combine(source, "answers.tsv"), Path.Combine(_folder, "answers.tsv"));
        File.Copy(Path.Combine(source, "gold.tsv"), Path.Combine(_folder, "gold.tsv"));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ConsolidateCommand.Run(["consolidate", _folder, "--method", method], output, error);

        Assert.Equal(0, exit);
        var lines = File.ReadAllLines(Path.Combine(_folder, "consolidated.tsv"));
        Assert.Equal("item\tlabel\tconfidence", lines[0]);
        Assert.Equal(109, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\S+\t[01]\t[01]\.\d\d$", l));
        var last = output.ToString().TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"accuracy {method} ", last);
        Assert.True(double.Parse(last.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture) >= atLeast, last);
    }

    [Fact]
    public void Run_MalformedRow_NamesTheLineAndFails()
    {
        File.WriteAllText(Path.Combine(_folder, "answers.tsv"), "item\tworker\tlabel\na\tw1\tx\nb\tw2\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ConsolidateCommand.Run(["consolidate", _folder], output, error);

        Assert.Equal(1, exit);
        Assert.Contains("line 3", error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(_folder, "consolidated.tsv")));
    }

    [Fact]
    public void Run_UnknownMethod_ExplainsChoices()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ConsolidateCommand.Run(["consolidate", _folder, "--method", "glad"], output, error);

        Assert.Equal(2, exit);
        Assert.Contains("mv, ds, onecoin, bcc", error.ToString());
    }
}
