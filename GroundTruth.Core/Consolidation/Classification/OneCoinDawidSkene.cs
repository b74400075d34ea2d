namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>
/// One-coin Dawid-Skene: each worker has a single accuracy; a wrong answer is equally likely to be any other
/// class. Fewer parameters than <see cref="DawidSkene"/>, so steadier for workers with very few answers, but it
/// cannot model class-dependent bias.
/// </summary>
/// <remarks>
/// Source: the symmetric special case of Dawid and Skene (1979); with uniform class priors this is the "ZC"
/// model of G. Demartini, D. E. Difallah and P. Cudré-Mauroux, "ZenCrowd", WWW 2012, as evaluated by Zheng et
/// al., PVLDB 10(5), 2017. The accuracy is smoothed with a Beta prior centred on the crowd's mean accuracy
/// (<see cref="DawidSkeneOptions.PriorStrength"/>). The class distribution is uniform by default
/// (<see cref="DefaultOptions"/>): with learned priors the one-coin model collapses toward one class on
/// multi-class data with class-dependent bias (the benchmarks' s_rel: 25.9% accuracy).
/// </remarks>
/// <param name="options">Settings; <see langword="null"/> means <see cref="DefaultOptions"/>.</param>
public sealed class OneCoinDawidSkene(DawidSkeneOptions? options = null) : IClassConsolidator
{
    private readonly DawidSkeneOptions _options = Checked(options ?? DefaultOptions);

    /// <summary><see cref="DawidSkeneOptions.Default"/> with <see cref="DawidSkeneOptions.LearnClassPriors"/> off.</summary>
    public static DawidSkeneOptions DefaultOptions { get; } = DawidSkeneOptions.Default with { LearnClassPriors = false };

    /// <inheritdoc />
    public string Name => "DS-1coin";

    /// <summary>The settings in use.</summary>
    public DawidSkeneOptions Options => _options;

    /// <inheritdoc />
    public IReadOnlyList<ClassDecision> Consolidate(IReadOnlyList<ClassAnswer> answers) => Fit(answers).Decisions;

    /// <summary>Consolidates and also returns worker quality, class priors and posteriors.</summary>
    /// <param name="answers">Every answer of the job.</param>
    /// <returns>The fitted model and its decisions.</returns>
    public DawidSkeneResult Fit(IReadOnlyList<ClassAnswer> answers) =>
        EmConsolidation.Fit(answers, WorkerModel.OneCoin, Estimation.MaximumAPosteriori, _options);

    private static DawidSkeneOptions Checked(DawidSkeneOptions options)
    {
        options.Validate();
        return options;
    }
}
