namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>How an EM consolidator estimates worker and class parameters from the soft counts.</summary>
internal enum Estimation
{
    /// <summary>Point estimates: the posterior mode under the Dirichlet smoothing prior (EM for MAP).</summary>
    MaximumAPosteriori,

    /// <summary>
    /// Mean-field variational Bayes: keeps a Dirichlet posterior per confusion row and uses expected log
    /// probabilities in the E-step (Kim and Ghahramani 2012, "Bayesian classifier combination", AISTATS).
    /// </summary>
    VariationalBayes,
}
