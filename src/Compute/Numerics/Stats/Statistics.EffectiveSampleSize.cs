namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>
    /// Normalized effective sample size of importance weights given as logarithms:
    /// ESS/N = (Σ w_i)² / (N Σ w_i²) ∈ (0, 1], equal to 1 for equal weights and 1/N when one weight dominates.
    /// Evaluated as w_i = exp(ln w_i − max ln w) so that log weights of any magnitude neither overflow nor
    /// underflow to 0/0. Entries of −∞ are weights of zero. Returns NaN for an empty span, a NaN or +∞ log weight,
    /// or all weights zero.
    /// Ref: Kong, Liu &amp; Wong, J. Am. Stat. Assoc. 89, 278 (1994); Nicoli et al., PRE 101, 023304 (2020).
    /// </summary>
    public static double EffectiveSampleSizeFromLogWeights(ReadOnlySpan<double> logWeights)
    {
        var n = logWeights.Length;
        if (n == 0) return double.NaN;
        var max = double.NegativeInfinity;
        foreach (var lw in logWeights)
        {
            if (double.IsNaN(lw) || double.IsPositiveInfinity(lw)) return double.NaN;
            if (lw > max) max = lw;
        }
        if (double.IsNegativeInfinity(max)) return double.NaN;
        double sum = 0, sumSquares = 0;
        foreach (var lw in logWeights)
        {
            var w = Math.Exp(lw - max);
            sum += w;
            sumSquares += w * w;
        }
        return sum * sum / (n * sumSquares);
    }
}
