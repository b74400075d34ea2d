namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>What one EM run produced, in flat arrays.</summary>
/// <param name="Posterior">Class posterior per item, <c>[item * K + class]</c>.</param>
/// <param name="Confusion">
/// Each worker's confusion matrix, <c>[(worker * K + trueClass) * K + answeredClass]</c>, rows summing to 1.
/// </param>
/// <param name="ClassPrior">The class distribution.</param>
/// <param name="Iterations">EM iterations run.</param>
/// <param name="Converged">Whether the tolerance was reached before the cap.</param>
/// <param name="LogLikelihood">Log-likelihood of the answers after the last E-step.</param>
internal sealed record EmFit(
    double[] Posterior, double[] Confusion, double[] ClassPrior, int Iterations, bool Converged, double LogLikelihood);
