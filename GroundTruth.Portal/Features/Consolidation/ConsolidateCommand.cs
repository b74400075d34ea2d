using System.Globalization;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;

namespace GroundTruth.Portal.Features.Consolidation;

/// <summary>
/// <c>dotnet run --project GroundTruth.Portal -- consolidate &lt;folder&gt; [--method mv|ds|onecoin|bcc]</c>:
/// consolidates answers gathered elsewhere (<c>answers.tsv</c>: <c>item worker label</c>) into
/// <c>consolidated.tsv</c> (<c>item label confidence</c>) and, when <c>gold.tsv</c> is present, prints the strict
/// accuracy as its last line: <c>accuracy &lt;method&gt; &lt;percent&gt;</c>.
/// </summary>
public static class ConsolidateCommand
{
    public const string Verb = "consolidate";

    public static IReadOnlyList<string> Methods { get; } = ["mv", "ds", "onecoin", "bcc"];

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Verb;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? folder = null;
        var method = "ds";
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--method" && i + 1 < args.Length)
            {
                method = args[++i].ToLowerInvariant();
            }
            else if (folder is null && !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                folder = args[i];
            }
            else
            {
                error.WriteLine($"Unexpected argument '{args[i]}'.");
                return Usage(error);
            }
        }

        if (folder is null)
        {
            return Usage(error);
        }

        if (Create(method) is not { } consolidator)
        {
            error.WriteLine($"Unknown method '{method}'; use one of {string.Join(", ", Methods)}.");
            return 2;
        }

        var answersPath = Path.Combine(folder, "answers.tsv");
        if (!File.Exists(answersPath))
        {
            error.WriteLine($"'{answersPath}' does not exist.");
            return 2;
        }

        try
        {
            var answers = TsvAnswers.ReadAnswers(answersPath);
            var decisions = consolidator.Consolidate(answers);
            using (var writer = new StreamWriter(Path.Combine(folder, "consolidated.tsv")))
            {
                writer.WriteLine("item\tlabel\tconfidence");
                foreach (var decision in decisions)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{decision.ItemId}\t{decision.Label}\t{decision.Confidence:0.00}"));
                }
            }

            output.WriteLine($"{decisions.Count} items from {answers.Count} answers written to {Path.Combine(folder, "consolidated.tsv")}");
            var goldPath = Path.Combine(folder, "gold.tsv");
            if (File.Exists(goldPath))
            {
                var report = ConsolidationAccuracy.Strict(decisions, TsvAnswers.ReadGold(goldPath));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {method} {100.0 * report.Accuracy:0.00}"));
            }

            return 0;
        }
        catch (TsvFormatException ex)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
    }

    public static IClassConsolidator? Create(string method, DawidSkeneOptions? options = null) => method switch
    {
        "mv" => new MajorityVote(),
        "ds" => new DawidSkene(options),
        "onecoin" => new OneCoinDawidSkene(options),
        "bcc" => new BayesianClassifierCombination(options),
        _ => null,
    };

    private static int Usage(TextWriter error)
    {
        error.WriteLine($"Usage: {Verb} <folder> [--method {string.Join('|', Methods)}]");
        return 2;
    }
}
