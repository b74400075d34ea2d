namespace GroundTruth.Core.Consolidation.Classification;

/// <summary>Special functions needed by the variational-Bayes updates.</summary>
internal static class SpecialFunctions
{
    /// <summary>
    /// The digamma function psi(x) for x &gt; 0: the recurrence psi(x) = psi(x + 1) - 1/x up to x &gt;= 6, then the
    /// asymptotic series ln x - 1/(2x) - sum B_2n / (2n x^2n) (Abramowitz and Stegun 6.3.18); absolute error below
    /// 1e-12 there.
    /// </summary>
    /// <param name="x">A positive argument.</param>
    /// <returns>psi(x).</returns>
    public static double Digamma(double x)
    {
        double result = 0.0;
        while (x < 6.0)
        {
            result -= 1.0 / x;
            x += 1.0;
        }

        double f = 1.0 / (x * x);
        double series = f * ((1.0 / 12) - (f * ((1.0 / 120) - (f * ((1.0 / 252) - (f * ((1.0 / 240) - (f / 132))))))));
        return result + Math.Log(x) - (0.5 / x) - series;
    }
}
