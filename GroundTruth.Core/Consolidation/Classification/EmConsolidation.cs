namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>Runs <see cref="ConfusionEm"/> on a job's answers and turns the fit into decisions and worker scores.</summary>
internal static class EmConsolidation
{
    /// <summary>Encodes, fits and decodes.</summary>
    /// <param name="answers">The job's answers.</param>
    /// <param name="model">Worker model.</param>
    /// <param name="estimation">Estimation method.</param>
    /// <param name="options">Validated settings.</param>
    /// <returns>Decisions, worker quality and the fitted parameters.</returns>
    public static DawidSkeneResult Fit(
        IReadOnlyList<ClassAnswer> answers, WorkerModel model, Estimation estimation, DawidSkeneOptions options)
    {
        AnswerTable table = AnswerTable.Create(answers, options.LabelCategories);
        int k = table.ClassCount;
        EmFit fit = ConfusionEm.Fit(
            table.ItemCount, table.ItemStart, table.WorkerCount, table.Worker, table.Label, k, model, estimation, options);
        return new DawidSkeneResult(Decide(table, fit.Posterior), RateWorkers(table, fit, options), table.Labels, fit);
    }

    /// <summary>Arg-max posterior per item; an exact tie goes to the label that comes first in label order.</summary>
    private static ClassDecision[] Decide(AnswerTable table, double[] posterior)
    {
        int k = table.ClassCount;
        var decisions = new ClassDecision[table.ItemCount];
        for (int i = 0; i < table.ItemCount; i++)
        {
            int row = i * k;
            int best = 0;
            for (int t = 1; t < k; t++)
            {
                if (posterior[row + t] > posterior[row + best])
                {
                    best = t;
                }
            }

            int count = table.ItemStart[i + 1] - table.ItemStart[i];
            decisions[i] = new ClassDecision(
                table.ItemIds[i], table.Labels[best], ConfidenceRounding.Round(posterior[row + best], count), count);
        }

        return decisions;
    }

    private static WorkerQuality[] RateWorkers(AnswerTable table, EmFit fit, DawidSkeneOptions options)
    {
        int k = table.ClassCount;
        var agreement = new double[table.WorkerCount];
        var answerCount = new int[table.WorkerCount];
        for (int i = 0; i < table.ItemCount; i++)
        {
            int end = table.ItemStart[i + 1];
            for (int n = table.ItemStart[i]; n < end; n++)
            {
                int w = table.Worker[n];
                agreement[w] += fit.Posterior[(i * k) + table.Label[n]];
                answerCount[w]++;
            }
        }

        var workers = new WorkerQuality[table.WorkerCount];
        for (int w = 0; w < table.WorkerCount; w++)
        {
            double score = SpammerScore(fit.Confusion, w, k);
            bool spammer = k >= 2
                && answerCount[w] >= options.SpammerMinimumAnswers
                && score <= options.SpammerScoreThreshold;
            workers[w] = new WorkerQuality(
                table.WorkerIds[w], agreement[w] / answerCount[w], answerCount[w], score, spammer);
        }

        return workers;
    }

    /// <summary>
    /// Raykar and Yu (2012), eq. for the categorical spammer score: sum over class pairs c &lt; c' of the squared
    /// distance between confusion rows c and c', divided by K(K - 1), so a perfect worker scores 1.
    /// </summary>
    internal static double SpammerScore(double[] confusion, int worker, int k)
    {
        if (k < 2)
        {
            return 0.0;
        }

        int block = worker * k * k;
        double sum = 0.0;
        for (int c = 0; c < k; c++)
        {
            for (int d = c + 1; d < k; d++)
            {
                for (int a = 0; a < k; a++)
                {
                    double diff = confusion[block + (c * k) + a] - confusion[block + (d * k) + a];
                    sum += diff * diff;
                }
            }
        }

        return sum / (k * (k - 1));
    }
}
