namespace Compute.Flows.Phi4;

/// <summary>Importance-weight summaries from log weights ln w (any additive constant cancels).</summary>
internal static class Weights
{
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
        double prefix = 0, total = 0, sum = 0;
        for (var i = 0; i < n; i++)
        {
            // Partners j ≥ i (larger weights) are always accepted; smaller ones with probability w_j/w_i.
            sum += w[i] * (n - i) + prefix;
            prefix += w[i];
        }
        total = prefix;
        return sum / (n * total);
    }

    public static double Max(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values) if (v > max) max = v;
        return max;
    }
}
