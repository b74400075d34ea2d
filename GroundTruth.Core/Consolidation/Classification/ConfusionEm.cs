namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// The EM engine behind the Dawid-Skene family: A. P. Dawid and A. M. Skene, "Maximum likelihood estimation of
/// observer error-rates using the EM algorithm", Applied Statistics 28(1), 1979, with the Dirichlet-smoothed
/// M-step of V. C. Raykar et al., "Learning from crowds", JMLR 11, 2010 (MAP estimation), and optionally the
/// variational-Bayes updates of Kim and Ghahramani (2012). Initialised from majority-vote shares, M-step first
/// (as Crowd-Kit and the project's reference run). All loops run on flat arrays; the per-answer tables are laid
/// out <c>[(worker * K + answered) * K + trueClass]</c> so the innermost loop over true classes is contiguous.
/// </summary>
internal static class ConfusionEm
{
    /// <summary>Probabilities are floored here before taking logs, so a zero never yields minus infinity.</summary>
    private const double ProbabilityFloor = 1e-12;

    /// <summary>Smallest Dirichlet pseudo-count in variational Bayes, whose digamma needs a positive argument.</summary>
    private const double PseudoCountFloor = 1e-3;

    /// <summary>Runs EM.</summary>
    /// <param name="itemCount">Number of items.</param>
    /// <param name="itemStart">CSR offsets: answers of item i are at itemStart[i] .. itemStart[i + 1] - 1.</param>
    /// <param name="workerCount">Number of workers.</param>
    /// <param name="worker">Worker index per answer.</param>
    /// <param name="label">Answered class per answer.</param>
    /// <param name="classCount">Number of classes K.</param>
    /// <param name="model">Worker model.</param>
    /// <param name="estimation">Estimation method.</param>
    /// <param name="options">Iteration cap, tolerance, priors.</param>
    /// <returns>The fitted model.</returns>
    public static EmFit Fit(
        int itemCount,
        int[] itemStart,
        int workerCount,
        int[] worker,
        int[] label,
        int classCount,
        WorkerModel model,
        Estimation estimation,
        DawidSkeneOptions options)
    {
        int k = classCount;
        int kk = k * k;
        var state = new State(workerCount, k, worker);
        var q = new double[itemCount * k];
        InitialiseFromVoteShares(itemCount, itemStart, label, k, q);
        if (itemCount == 0)
        {
            return new EmFit(q, state.Confusion, Uniform(k), 0, true, 0.0);
        }

        double logLikelihood = 0.0;
        double previous = double.NaN;
        bool converged = false;
        int iteration = 0;
        while (iteration < options.MaxIterations)
        {
            iteration++;
            AccumulateCounts(itemCount, itemStart, worker, label, k, kk, q, state.Counts);
            UpdateClassPrior(itemCount, k, q, estimation, options, state);
            if (model == WorkerModel.ConfusionMatrix)
            {
                UpdateConfusionMatrices(workerCount, k, estimation, options.PriorStrength, options.SmoothingTarget, state);
            }
            else
            {
                UpdateOneCoin(workerCount, k, estimation, options.PriorStrength, state);
            }

            logLikelihood = ExpectationStep(itemCount, itemStart, worker, label, k, kk, state, q);
            if (iteration > 1 && options.Tolerance > 0
                && Math.Abs(logLikelihood - previous) <= options.Tolerance * Math.Abs(previous))
            {
                converged = true;
                break;
            }

            previous = logLikelihood;
        }

        return new EmFit(q, state.Confusion, state.ClassPrior, iteration, converged, logLikelihood);
    }

    /// <summary>Sets each item's posterior to its vote shares ("soft" majority vote).</summary>
    internal static void InitialiseFromVoteShares(int itemCount, int[] itemStart, int[] label, int k, double[] q)
    {
        for (int i = 0; i < itemCount; i++)
        {
            int start = itemStart[i];
            int end = itemStart[i + 1];
            int row = i * k;
            for (int n = start; n < end; n++)
            {
                q[row + label[n]] += 1.0;
            }

            double inverse = 1.0 / (end - start);
            for (int t = 0; t < k; t++)
            {
                q[row + t] *= inverse;
            }
        }
    }

    private static void AccumulateCounts(
        int itemCount, int[] itemStart, int[] worker, int[] label, int k, int kk, double[] q, double[] counts)
    {
        Array.Clear(counts);
        for (int i = 0; i < itemCount; i++)
        {
            int row = i * k;
            int end = itemStart[i + 1];
            for (int n = itemStart[i]; n < end; n++)
            {
                int cell = (worker[n] * kk) + (label[n] * k);
                for (int t = 0; t < k; t++)
                {
                    counts[cell + t] += q[row + t];
                }
            }
        }
    }

    private static void UpdateClassPrior(
        int itemCount, int k, double[] q, Estimation estimation, DawidSkeneOptions options, State state)
    {
        double[] mass = state.ClassMass;
        Array.Clear(mass);
        for (int i = 0; i < itemCount; i++)
        {
            int row = i * k;
            for (int t = 0; t < k; t++)
            {
                mass[t] += q[row + t];
            }
        }

        if (!options.LearnClassPriors)
        {
            for (int t = 0; t < k; t++)
            {
                state.ClassPrior[t] = 1.0 / k;
                state.LogClassPrior[t] = -Math.Log(k);
            }

            return;
        }

        double pseudo = estimation == Estimation.VariationalBayes
            ? Math.Max(options.ClassPriorPseudoCount, PseudoCountFloor)
            : options.ClassPriorPseudoCount;
        double total = itemCount + (k * pseudo);
        double digammaTotal = estimation == Estimation.VariationalBayes ? SpecialFunctions.Digamma(total) : 0.0;
        for (int t = 0; t < k; t++)
        {
            double rho = (mass[t] + pseudo) / total;
            state.ClassPrior[t] = rho;
            state.LogClassPrior[t] = estimation == Estimation.VariationalBayes
                ? SpecialFunctions.Digamma(mass[t] + pseudo) - digammaTotal
                : Math.Log(Math.Max(rho, ProbabilityFloor));
        }
    }

    private static void UpdateConfusionMatrices(
        int workerCount, int k, Estimation estimation, double strength, SmoothingTarget target, State state)
    {
        int kk = k * k;
        double[] counts = state.Counts;
        double[] mean = state.PriorMean;

        // Pool the soft counts of all workers into one matrix [true, answered]; the prior mean is derived from it.
        Array.Clear(mean);
        for (int w = 0; w < workerCount; w++)
        {
            int block = w * kk;
            for (int a = 0; a < k; a++)
            {
                int cell = block + (a * k);
                for (int t = 0; t < k; t++)
                {
                    mean[(t * k) + a] += counts[cell + t];
                }
            }
        }

        if (target == SmoothingTarget.CrowdAccuracy)
        {
            // The crowd's accuracy: the share of all answers that agree with the current posteriors.
            double right = 0.0;
            double total = 0.0;
            for (int t = 0; t < k; t++)
            {
                for (int a = 0; a < k; a++)
                {
                    total += mean[(t * k) + a];
                }

                right += mean[(t * k) + t];
            }

            double accuracy = total > 0.0 ? right / total : 1.0 / k;
            double off = k > 1 ? (1.0 - accuracy) / (k - 1) : 0.0;
            for (int t = 0; t < k; t++)
            {
                for (int a = 0; a < k; a++)
                {
                    mean[(t * k) + a] = a == t ? accuracy : off;
                }
            }
        }
        else if (target == SmoothingTarget.Uniform)
        {
            Array.Fill(mean, 1.0 / k);
        }
        else
        {
            NormaliseRows(mean, k);
        }

        double[] pseudo = state.RowScratch;
        for (int w = 0; w < workerCount; w++)
        {
            int block = w * kk;
            for (int t = 0; t < k; t++)
            {
                double rowTotal = 0.0;
                for (int a = 0; a < k; a++)
                {
                    double prior = strength * mean[(t * k) + a];
                    if (estimation == Estimation.VariationalBayes)
                    {
                        prior = Math.Max(prior, PseudoCountFloor);
                    }

                    pseudo[a] = counts[block + (a * k) + t] + prior;
                    rowTotal += pseudo[a];
                }

                int outRow = block + (t * k);
                if (rowTotal <= 0.0)
                {
                    for (int a = 0; a < k; a++)
                    {
                        state.Confusion[outRow + a] = 1.0 / k;
                        state.LogConfusion[block + (a * k) + t] = -Math.Log(k);
                    }

                    continue;
                }

                double digammaTotal = estimation == Estimation.VariationalBayes
                    ? SpecialFunctions.Digamma(rowTotal)
                    : 0.0;
                for (int a = 0; a < k; a++)
                {
                    double p = pseudo[a] / rowTotal;
                    state.Confusion[outRow + a] = p;
                    state.LogConfusion[block + (a * k) + t] = estimation == Estimation.VariationalBayes
                        ? SpecialFunctions.Digamma(pseudo[a]) - digammaTotal
                        : Math.Log(Math.Max(p, ProbabilityFloor));
                }
            }
        }
    }

    private static void UpdateOneCoin(int workerCount, int k, Estimation estimation, double strength, State state)
    {
        int kk = k * k;
        double[] counts = state.Counts;
        double allCorrect = 0.0;
        double allAnswers = 0.0;
        for (int w = 0; w < workerCount; w++)
        {
            int block = w * kk;
            double correct = 0.0;
            for (int a = 0; a < k; a++)
            {
                correct += counts[block + (a * k) + a];
            }

            state.WorkerCorrect[w] = correct;
            allCorrect += correct;
            allAnswers += state.WorkerAnswers[w];
        }

        double meanAccuracy = allAnswers > 0 ? allCorrect / allAnswers : 1.0;
        double logOtherClasses = k > 1 ? Math.Log(k - 1) : 0.0;
        for (int w = 0; w < workerCount; w++)
        {
            double correct = state.WorkerCorrect[w];
            double wrong = Math.Max(state.WorkerAnswers[w] - correct, 0.0);
            double alpha = correct + (strength * meanAccuracy);
            double beta = wrong + (strength * (1.0 - meanAccuracy));
            double accuracy;
            double logRight;
            double logWrong;
            if (estimation == Estimation.VariationalBayes)
            {
                alpha = Math.Max(alpha, PseudoCountFloor);
                beta = Math.Max(beta, PseudoCountFloor);
                double digammaTotal = SpecialFunctions.Digamma(alpha + beta);
                accuracy = alpha / (alpha + beta);
                logRight = SpecialFunctions.Digamma(alpha) - digammaTotal;
                logWrong = SpecialFunctions.Digamma(beta) - digammaTotal - logOtherClasses;
            }
            else
            {
                accuracy = alpha + beta > 0 ? alpha / (alpha + beta) : meanAccuracy;
                logRight = Math.Log(Math.Max(accuracy, ProbabilityFloor));
                logWrong = Math.Log(Math.Max((1.0 - accuracy) / Math.Max(k - 1, 1), ProbabilityFloor));
            }

            double off = k > 1 ? (1.0 - accuracy) / (k - 1) : 0.0;
            int block = w * kk;
            for (int t = 0; t < k; t++)
            {
                for (int a = 0; a < k; a++)
                {
                    bool right = a == t;
                    state.Confusion[block + (t * k) + a] = right ? accuracy : off;
                    state.LogConfusion[block + (a * k) + t] = right ? logRight : logWrong;
                }
            }
        }
    }

    private static double ExpectationStep(
        int itemCount, int[] itemStart, int[] worker, int[] label, int k, int kk, State state, double[] q)
    {
        double[] logConfusion = state.LogConfusion;
        double[] logPrior = state.LogClassPrior;
        double[] score = state.RowScratch;
        double logLikelihood = 0.0;
        for (int i = 0; i < itemCount; i++)
        {
            Array.Copy(logPrior, score, k);
            int end = itemStart[i + 1];
            for (int n = itemStart[i]; n < end; n++)
            {
                int cell = (worker[n] * kk) + (label[n] * k);
                for (int t = 0; t < k; t++)
                {
                    score[t] += logConfusion[cell + t];
                }
            }

            double max = score[0];
            for (int t = 1; t < k; t++)
            {
                if (score[t] > max)
                {
                    max = score[t];
                }
            }

            int row = i * k;
            double sum = 0.0;
            for (int t = 0; t < k; t++)
            {
                double e = Math.Exp(score[t] - max);
                q[row + t] = e;
                sum += e;
            }

            double inverse = 1.0 / sum;
            for (int t = 0; t < k; t++)
            {
                q[row + t] *= inverse;
            }

            logLikelihood += max + Math.Log(sum);
        }

        return logLikelihood;
    }

    private static void NormaliseRows(double[] matrix, int k)
    {
        for (int t = 0; t < k; t++)
        {
            int row = t * k;
            double total = 0.0;
            for (int a = 0; a < k; a++)
            {
                total += matrix[row + a];
            }

            for (int a = 0; a < k; a++)
            {
                matrix[row + a] = total > 0.0 ? matrix[row + a] / total : 1.0 / k;
            }
        }
    }

    private static double[] Uniform(int k)
    {
        var p = new double[k];
        Array.Fill(p, 1.0 / k);
        return p;
    }

    /// <summary>Working arrays, allocated once per run.</summary>
    private sealed class State
    {
        public State(int workerCount, int k, int[] worker)
        {
            int kk = k * k;
            Counts = new double[workerCount * kk];
            LogConfusion = new double[workerCount * kk];
            Confusion = new double[workerCount * kk];
            PriorMean = new double[kk];
            ClassMass = new double[k];
            ClassPrior = Uniform(k);
            LogClassPrior = new double[k];
            RowScratch = new double[k];
            WorkerCorrect = new double[workerCount];
            WorkerAnswers = new double[workerCount];
            foreach (int w in worker)
            {
                WorkerAnswers[w] += 1.0;
            }

            Array.Fill(Confusion, k > 0 ? 1.0 / k : 0.0);
        }

        public double[] Counts { get; }

        public double[] LogConfusion { get; }

        public double[] Confusion { get; }

        public double[] PriorMean { get; }

        public double[] ClassMass { get; }

        public double[] ClassPrior { get; }

        public double[] LogClassPrior { get; }

        public double[] RowScratch { get; }

        public double[] WorkerCorrect { get; }

        public double[] WorkerAnswers { get; }
    }
}
