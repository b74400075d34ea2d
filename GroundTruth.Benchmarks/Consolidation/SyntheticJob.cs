using System.Globalization;

using GroundTruth.Core.Consolidation;

namespace GroundTruth.Bench;

/// <summary>
/// A synthetic classification job: each item gets answers from distinct workers drawn from a pool; each worker
/// has a Dawid-Skene confusion matrix (accuracy 0.55-0.95 with a class-dependent bias, 5% uniform spammers).
/// </summary>
internal sealed class SyntheticJob
{
    private readonly Dictionary<string, string> _truth;

    private SyntheticJob(List<ClassAnswer> answers, Dictionary<string, string> truth)
    {
        Answers = answers;
        _truth = truth;
    }

    /// <summary>The answers, item by item.</summary>
    public IReadOnlyList<ClassAnswer> Answers { get; }

    /// <summary>Creates a job.</summary>
    public static SyntheticJob Create(int items, int workersPerItem, int workerPool, int classes, int seed)
    {
        var random = new Random(seed);
        string[] labels = [.. Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        string[] workerIds = [.. Enumerable.Range(0, workerPool).Select(w => "w" + w.ToString(CultureInfo.InvariantCulture))];
        var confusion = new double[workerPool][];
        for (int w = 0; w < workerPool; w++)
        {
            confusion[w] = WorkerMatrix(random, classes);
        }

        var answers = new List<ClassAnswer>(items * workersPerItem);
        var truth = new Dictionary<string, string>(items, StringComparer.Ordinal);
        var picked = new HashSet<int>();
        for (int i = 0; i < items; i++)
        {
            string itemId = "i" + i.ToString(CultureInfo.InvariantCulture);
            int trueClass = random.NextDouble() < 0.4 ? 0 : random.Next(classes);
            truth.Add(itemId, labels[trueClass]);
            picked.Clear();
            while (picked.Count < workersPerItem)
            {
                int w = random.Next(workerPool);
                if (picked.Add(w))
                {
                    answers.Add(new ClassAnswer(itemId, workerIds[w], labels[Sample(random, confusion[w], trueClass, classes)]));
                }
            }
        }

        return new SyntheticJob(answers, truth);
    }

    /// <summary>Share of decisions that match the generating class.</summary>
    public double Accuracy(IReadOnlyList<ClassDecision> decisions)
    {
        int correct = decisions.Count(d => _truth[d.ItemId] == d.Label);
        return correct / (double)decisions.Count;
    }

    private static double[] WorkerMatrix(Random random, int k)
    {
        var m = new double[k * k];
        if (random.NextDouble() < 0.05)
        {
            Array.Fill(m, 1.0 / k);
            return m;
        }

        double accuracy = 0.55 + (0.4 * random.NextDouble());
        int favourite = random.Next(k);
        for (int t = 0; t < k; t++)
        {
            double rest = 1.0 - accuracy;
            for (int a = 0; a < k; a++)
            {
                if (a == t)
                {
                    m[(t * k) + a] = accuracy;
                }
                else if (a == favourite)
                {
                    m[(t * k) + a] = rest * 0.5;
                }
                else
                {
                    int others = favourite == t ? k - 1 : k - 2;
                    m[(t * k) + a] = rest * (favourite == t ? 1.0 : 0.5) / others;
                }
            }
        }

        return m;
    }

    private static int Sample(Random random, double[] m, int t, int k)
    {
        double u = random.NextDouble();
        for (int a = 0; a < k - 1; a++)
        {
            u -= m[(t * k) + a];
            if (u < 0)
            {
                return a;
            }
        }

        return k - 1;
    }
}
