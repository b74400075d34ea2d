namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// Settings shared by the EM-based consolidators (<see cref="DawidSkene"/>, <see cref="OneCoinDawidSkene"/>,
/// <see cref="BayesianClassifierCombination"/>, <see cref="MultiLabelConsolidator"/>). The defaults are pinned
/// because on real crowd data EM is often not fully converged at the cap and results move with it.
/// </summary>
public sealed record DawidSkeneOptions
{
    /// <summary>The pinned defaults.</summary>
    public static DawidSkeneOptions Default { get; } = new();

    /// <summary>Upper bound on EM iterations (one M-step followed by one E-step). Default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// EM stops when the relative change of the log-likelihood between two iterations is at most this.
    /// 0 runs exactly <see cref="MaxIterations"/> iterations. Default 1e-7.
    /// </summary>
    public double Tolerance { get; init; } = 1e-7;

    /// <summary>
    /// Strength of the Dirichlet smoothing of each worker's confusion matrix, in pseudo-answers per true class,
    /// toward <see cref="SmoothingTarget"/> (re-estimated every iteration), so a worker with few answers is pulled
    /// toward the typical worker instead of being trusted as perfect. 0 gives the classical maximum-likelihood
    /// Dawid-Skene. Default 2.
    /// </summary>
    /// <remarks>
    /// The default was chosen on the six benchmark data sets in <c>shared/benchmarks/consolidation</c> (so those
    /// figures are slightly optimistic): every strength from 0.5 to 4 and every target stayed within about 0.5
    /// accuracy points of unsmoothed Dawid-Skene on each set.
    /// </remarks>
    public double PriorStrength { get; init; } = 2.0;

    /// <summary>
    /// The mean of the smoothing prior. Default <see cref="SmoothingTarget.CrowdAccuracy"/>, the same matrix as the
    /// crowd-level term of AWS's "Modified Dawid-Skene" (0.7-initialised, then the mean worker accuracy on the
    /// diagonal), but with a fixed strength instead of one proportional to the worker's answer count. The one-coin
    /// model always smooths toward the crowd's accuracy and ignores this.
    /// </summary>
    public SmoothingTarget SmoothingTarget { get; init; } = SmoothingTarget.CrowdAccuracy;

    /// <summary>
    /// Whether the class distribution is learned (<see langword="true"/>) or held uniform. Default
    /// <see langword="true"/>; <see cref="OneCoinDawidSkene"/> defaults to <see langword="false"/>.
    /// </summary>
    public bool LearnClassPriors { get; init; } = true;

    /// <summary>Additive (Laplace) pseudo-count per class when the class distribution is learned. Default 1.</summary>
    public double ClassPriorPseudoCount { get; init; } = 1.0;

    /// <summary>
    /// The job's label categories in their configured order, or <see langword="null"/>. They fix label order
    /// (used to break exact ties, toward the earlier label) and add classes nobody chose.
    /// </summary>
    public IReadOnlyList<string>? LabelCategories { get; init; }

    /// <summary>A worker needs at least this many answers before it can be flagged as a spammer. Default 10.</summary>
    public int SpammerMinimumAnswers { get; init; } = 10;

    /// <summary>
    /// A worker whose <see cref="WorkerQuality.SpammerScore"/> is at or below this is flagged. Default 0.05, which
    /// for two classes means sensitivity + specificity - 1 of at most about 0.22.
    /// </summary>
    public double SpammerScoreThreshold { get; init; } = 0.05;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        ThrowIfNegativeOrNotFinite(Tolerance, nameof(Tolerance));
        ThrowIfNegativeOrNotFinite(PriorStrength, nameof(PriorStrength));
        ThrowIfNegativeOrNotFinite(ClassPriorPseudoCount, nameof(ClassPriorPseudoCount));
        ArgumentOutOfRangeException.ThrowIfNegative(SpammerMinimumAnswers, nameof(SpammerMinimumAnswers));
        ThrowIfNegativeOrNotFinite(SpammerScoreThreshold, nameof(SpammerScoreThreshold));
    }

    private static void ThrowIfNegativeOrNotFinite(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number >= 0.");
        }
    }
}
