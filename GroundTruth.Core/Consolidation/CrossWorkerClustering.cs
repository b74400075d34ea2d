namespace GroundTruth.Core.Consolidation;

/// <summary>
/// Groups annotations from different workers into clusters holding at most one annotation per worker.
/// Workers are visited from the most to the least reliable; each worker's annotations are assigned one-to-one
/// to the existing clusters by <see cref="HungarianAssignment"/> on the cost
/// <c>1 − mean similarity to the cluster's members (+1 if the label differs from the cluster's seed)</c>, so a
/// same-label match always beats a cross-label one; pairs below the similarity threshold may not match and
/// open a new cluster. This is the sequential "match each worker to the running consensus" scheme of
/// SageMaker Ground Truth's box consolidation description ("finds the most similar boxes from different workers").
/// </summary>
internal static class CrossWorkerClustering
{
    /// <summary>Cost given to pairs that may not be matched.</summary>
    public const double Forbidden = 1e6;

    /// <summary>A cluster member: index of the worker in the answer list and of the item in that worker's list.</summary>
    public readonly record struct Member(int Worker, int Item);

    /// <summary>Builds the clusters.</summary>
    public static List<List<Member>> Build<T>(
        IReadOnlyList<WorkerAnnotations<T>> answers,
        int[] workerOrder,
        Func<T, T, double> similarity,
        Func<T, string> label,
        double threshold)
    {
        var clusters = new List<List<Member>>();
        var seedLabels = new List<string>();
        foreach (var k in workerOrder)
        {
            var items = answers[k].Items;
            var n = items.Count;
            if (n == 0)
            {
                continue;
            }

            var c = clusters.Count;
            var assignment = new int[n];
            if (c > 0)
            {
                var cost = new double[n * c];
                for (var i = 0; i < n; i++)
                {
                    for (var j = 0; j < c; j++)
                    {
                        var sum = 0.0;
                        foreach (var m in clusters[j])
                        {
                            sum += similarity(items[i], answers[m.Worker].Items[m.Item]);
                        }

                        var sim = sum / clusters[j].Count;
                        cost[(i * c) + j] = sim >= threshold
                            ? 1 - sim + (string.Equals(label(items[i]), seedLabels[j], StringComparison.Ordinal) ? 0 : 1)
                            : Forbidden;
                    }
                }

                HungarianAssignment.Solve(cost, n, c, assignment, Forbidden);
            }
            else
            {
                Array.Fill(assignment, -1);
            }

            for (var i = 0; i < n; i++)
            {
                if (assignment[i] >= 0)
                {
                    clusters[assignment[i]].Add(new Member(k, i));
                }
                else
                {
                    clusters.Add([new Member(k, i)]);
                    seedLabels.Add(label(items[i]));
                }
            }
        }

        return clusters;
    }
}
