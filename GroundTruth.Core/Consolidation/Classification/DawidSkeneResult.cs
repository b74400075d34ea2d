namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>Everything an EM consolidator estimated for one job.</summary>
public sealed class DawidSkeneResult
{
    private readonly double[] _posterior;
    private readonly double[] _confusion;

    internal DawidSkeneResult(
        IReadOnlyList<ClassDecision> decisions,
        IReadOnlyList<WorkerQuality> workers,
        IReadOnlyList<string> labels,
        EmFit fit)
    {
        Decisions = decisions;
        Workers = workers;
        Labels = labels;
        ClassPriors = Array.AsReadOnly(fit.ClassPrior);
        Iterations = fit.Iterations;
        Converged = fit.Converged;
        LogLikelihood = fit.LogLikelihood;
        _posterior = fit.Posterior;
        _confusion = fit.Confusion;
    }

    /// <summary>One decision per answered item, in order of first appearance.</summary>
    public IReadOnlyList<ClassDecision> Decisions { get; }

    /// <summary>One entry per worker, in order of first appearance.</summary>
    public IReadOnlyList<WorkerQuality> Workers { get; }

    /// <summary>The classes, in label order; posteriors, priors and confusion matrices are indexed by it.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The estimated class distribution, aligned with <see cref="Labels"/>.</summary>
    public IReadOnlyList<double> ClassPriors { get; }

    /// <summary>EM iterations run.</summary>
    public int Iterations { get; }

    /// <summary>Whether EM met its tolerance before the iteration cap.</summary>
    public bool Converged { get; }

    /// <summary>Log-likelihood of the answers under the final parameters (expected, for variational Bayes).</summary>
    public double LogLikelihood { get; }

    /// <summary>The full class posterior of one item, aligned with <see cref="Labels"/>.</summary>
    /// <param name="decisionIndex">Index into <see cref="Decisions"/>.</param>
    /// <returns>A copy of the posterior (unrounded).</returns>
    public IReadOnlyList<double> GetPosterior(int decisionIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decisionIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(decisionIndex, Decisions.Count);
        return _posterior.AsSpan(decisionIndex * Labels.Count, Labels.Count).ToArray();
    }

    /// <summary>
    /// One worker's estimated confusion matrix, row-major: entry <c>[t * K + a]</c> is the probability that the
    /// worker answers class <c>a</c> when the true class is <c>t</c> (both indices into <see cref="Labels"/>).
    /// </summary>
    /// <param name="workerIndex">Index into <see cref="Workers"/>.</param>
    /// <returns>A copy of the K x K matrix.</returns>
    public IReadOnlyList<double> GetConfusionMatrix(int workerIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workerIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(workerIndex, Workers.Count);
        int kk = Labels.Count * Labels.Count;
        return _confusion.AsSpan(workerIndex * kk, kk).ToArray();
    }
}
