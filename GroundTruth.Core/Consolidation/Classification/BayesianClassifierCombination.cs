namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// Independent Bayesian classifier combination (IBCC): the Dawid-Skene model with Dirichlet priors on every
/// worker's confusion rows and on the class distribution, fitted by mean-field variational Bayes instead of point
/// estimates. The E-step weighs each answer by the expected log probability under the Dirichlet posterior, which
/// discounts workers in proportion to how little is known about them.
/// </summary>
/// <remarks>
/// Source: H.-C. Kim and Z. Ghahramani, "Bayesian classifier combination", AISTATS 2012 (the "BCC" row of Zheng
/// et al., PVLDB 10(5), 2017, Table 6), with the variational updates of E. Simpson et al., "Dynamic Bayesian
/// combination of multiple imperfect classifiers", 2013. Here the prior of each confusion row is centred on
/// <see cref="DawidSkeneOptions.SmoothingTarget"/> with <see cref="DawidSkeneOptions.PriorStrength"/>
/// pseudo-answers (an empirical-Bayes choice: the target is re-estimated from the crowd every iteration), the class prior has <see cref="DawidSkeneOptions.ClassPriorPseudoCount"/>
/// pseudo-items per class, and the run is initialised and stopped like <see cref="DawidSkene"/>.
/// </remarks>
/// <param name="options">Settings; <see langword="null"/> means <see cref="DefaultOptions"/>.</param>
public sealed class BayesianClassifierCombination(DawidSkeneOptions? options = null) : IClassConsolidator
{
    private readonly DawidSkeneOptions _options = Checked(options ?? DefaultOptions);

    /// <summary>The pinned defaults for IBCC: the same as <see cref="DawidSkeneOptions.Default"/>.</summary>
    public static DawidSkeneOptions DefaultOptions { get; } = DawidSkeneOptions.Default;

    /// <inheritdoc />
    public string Name => "BCC";

    /// <summary>The settings in use.</summary>
    public DawidSkeneOptions Options => _options;

    /// <inheritdoc />
    public IReadOnlyList<ClassDecision> Consolidate(IReadOnlyList<ClassAnswer> answers) => Fit(answers).Decisions;

    /// <summary>Consolidates and also returns worker quality, class priors and posteriors.</summary>
    /// <param name="answers">Every answer of the job.</param>
    /// <returns>The fitted model and its decisions.</returns>
    public DawidSkeneResult Fit(IReadOnlyList<ClassAnswer> answers) =>
        EmConsolidation.Fit(answers, WorkerModel.ConfusionMatrix, Estimation.VariationalBayes, _options);

    private static DawidSkeneOptions Checked(DawidSkeneOptions options)
    {
        options.Validate();
        return options;
    }
}
