using System.Diagnostics;
using System.Globalization;

using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;

namespace GroundTruth.Bench;

/// <summary>Prints strict-protocol accuracy of every consolidator on every benchmark data set.</summary>
internal static class AccuracyTable
{
    private static readonly string[] DataSets = ["d_product", "d_possent", "s_rel", "s_adult", "bluebirds", "rte"];

    /// <summary>Prints one line per (data set, method).</summary>
    public static void Print(string root, double[] extraStrengths, int maxIterations)
    {
        var methods = new List<IClassConsolidator>
        {
            new MajorityVote(),
            new DawidSkene(),
            new DawidSkene(DawidSkeneOptions.Default with { PriorStrength = 0, ClassPriorPseudoCount = 0 }),
            new OneCoinDawidSkene(),
            new BayesianClassifierCombination(),
        };
        foreach (SmoothingTarget target in Enum.GetValues<SmoothingTarget>())
        {
            foreach (double s in extraStrengths)
            {
                DawidSkeneOptions o = DawidSkeneOptions.Default with
                {
                    PriorStrength = s, MaxIterations = maxIterations, SmoothingTarget = target,
                };
                methods.Add(new DawidSkene(o));
                methods.Add(new BayesianClassifierCombination(o));
            }
        }

        Console.WriteLine("dataset     method                     strict%   correct/evaluated   iters  seconds");
        foreach (string name in DataSets)
        {
            IReadOnlyList<ClassAnswer> answers = TsvAnswers.ReadAnswers(Path.Combine(root, name, "answers.tsv"));
            IReadOnlyDictionary<string, string> gold = TsvAnswers.ReadGold(Path.Combine(root, name, "gold.tsv"));
            foreach (IClassConsolidator method in methods)
            {
                var watch = Stopwatch.StartNew();
                IReadOnlyList<ClassDecision> decisions;
                string iterations = "-";
                string label = method.Name;
                switch (method)
                {
                    case DawidSkene ds:
                        DawidSkeneResult r = ds.Fit(answers);
                        decisions = r.Decisions;
                        iterations = r.Iterations.ToString(CultureInfo.InvariantCulture) + (r.Converged ? "" : "+");
                        label += Describe(ds.Options);
                        break;
                    case BayesianClassifierCombination bcc:
                        DawidSkeneResult b = bcc.Fit(answers);
                        decisions = b.Decisions;
                        iterations = b.Iterations.ToString(CultureInfo.InvariantCulture) + (b.Converged ? "" : "+");
                        label += Describe(bcc.Options);
                        break;
                    default:
                        decisions = method.Consolidate(answers);
                        break;
                }

                watch.Stop();
                AccuracyReport report = ConsolidationAccuracy.Strict(decisions, gold);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name,-11} {label,-26} {100 * report.Accuracy,7:F2}   {report.Correct,7}/{report.Evaluated,-9}   {iterations,5}  {watch.Elapsed.TotalSeconds,6:F2}"));
            }
        }
    }

    private static string Describe(DawidSkeneOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"({options.SmoothingTarget.ToString()[..7]},s={options.PriorStrength})");
}
