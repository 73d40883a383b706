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

    /// <summary>
    /// Neural importance sampling from log-weights ln w (e.g. −βE − ln q of samples drawn from q):
    /// ln mean(w) (an estimate of ln Z, biased low at finite N by Jensen), its delta-method error √((1/ESS − 1)/N)
    /// (the relative standard error of mean(w), since Var(w)/mean(w)² = N Σw²/(Σw)² − 1) and the normalized ESS.
    /// Ref: Nicoli et al., PRE 101, 023304 (2020).
    /// </summary>
    public static (double LogMean, double Error, double Ess) LogMeanWeight(ReadOnlySpan<double> logWeights)
    {
        var n = logWeights.Length;
        var ess = EffectiveSampleSizeFromLogWeights(logWeights);
        return (Special.LogSumExp(logWeights) - Math.Log(n), Math.Sqrt(Math.Max(0, 1 / ess - 1) / n), ess);
    }

    /// <summary>
    /// Self-normalized importance-sampling mean Σw O/Σw of <paramref name="values"/> and its delta-method error
    /// √(Σ w²(O − Ō)²)/Σw. Ref: Owen, Monte Carlo theory, methods and examples (2013), ch. 9.
    /// </summary>
    public static (double Mean, double Error) Reweighted(ReadOnlySpan<double> logWeights, ReadOnlySpan<double> values)
    {
        var max = Max(logWeights);
        double sw = 0, swo = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var w = Math.Exp(logWeights[i] - max);
            sw += w;
            swo += w * values[i];
        }
        var mean = swo / sw;
        var s2 = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            var w = Math.Exp(logWeights[i] - max);
            s2 += w * w * (values[i] - mean) * (values[i] - mean);
        }
        return (mean, Math.Sqrt(s2) / sw);
    }

    /// <summary>
    /// Expected acceptance of independence Metropolis-Hastings with these proposals at stationarity:
    /// E_{x~p, x'~q}[min(1, w'/w)] ≈ Σ_i (w_i/Σw)·(1/N) Σ_j min(1, w_j/w_i), evaluated in O(N log N) on the sorted
    /// weights. <paramref name="scratch"/> (length ≥ N) avoids allocation. Ref: Nicoli et al., PRE 101 (2020).
    /// </summary>
    public static double IndependenceAcceptance(ReadOnlySpan<double> logWeights, Span<double> scratch)
    {
        var n = logWeights.Length;
        if (n == 0) return double.NaN;
        var max = Max(logWeights);
        var w = scratch[..n];
        for (var i = 0; i < n; i++) w[i] = Math.Exp(logWeights[i] - max);
        w.Sort();
        double prefix = 0, sum = 0;
        for (var i = 0; i < n; i++)
        {
            // Partners j ≥ i (larger weights) are always accepted; smaller ones with probability w_j/w_i.
            sum += w[i] * (n - i) + prefix;
            prefix += w[i];
        }
        return sum / (n * prefix);
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) if (v > max) max = v;
        return max;
    }
}
