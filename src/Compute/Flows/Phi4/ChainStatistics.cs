namespace Compute.Flows.Phi4;

/// <summary>Autocorrelation-aware errors for Markov-chain series and self-normalized importance-sampling errors.</summary>
internal static class ChainStatistics
{
    /// <summary>Largest lag summed: bounds the cost at N·MaxLag; a chain with τ_int beyond ~MaxLag/5 is reported with τ at least this window's sum.</summary>
    private const int MaxLag = 2000;

    /// <summary>
    /// Integrated autocorrelation time τ_int = ½ + Σ_{t=1}^{W} ρ(t) with Sokal's automatic window (smallest W ≥ c·τ_int(W), c = 5).
    /// Ref: Sokal, Monte Carlo Methods in Statistical Mechanics (1997); Madras &amp; Sokal (1988).
    /// </summary>
    public static double IntegratedTime(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        if (n < 4) return 0.5;
        var mean = 0.0;
        foreach (var x in series) mean += x;
        mean /= n;
        var c0 = 0.0;
        foreach (var x in series) c0 += (x - mean) * (x - mean);
        c0 /= n;
        if (c0 == 0) return 0.5;
        var tau = 0.5;
        for (var t = 1; t < n / 2; t++)
        {
            var ct = 0.0;
            for (var i = 0; i + t < n; i++) ct += (series[i] - mean) * (series[i + t] - mean);
            tau += ct / (n - t) / c0;
            if (t >= 5 * tau || t >= MaxLag) break;
        }
        return Math.Max(tau, 0.5);
    }

    /// <summary>Mean, its error √(2τ_int·var/N), and τ_int of a correlated series.</summary>
    public static (double Mean, double Error, double Tau) MeanWithAutocorrelation(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        var mean = 0.0;
        foreach (var x in series) mean += x;
        mean /= n;
        var variance = 0.0;
        foreach (var x in series) variance += (x - mean) * (x - mean);
        variance /= Math.Max(1, n - 1);
        var tau = IntegratedTime(series);
        return (mean, Math.Sqrt(2 * tau * variance / n), tau);
    }

    /// <summary>
    /// Self-normalized importance-sampling mean Σw O/Σw and its delta-method error √(Σ w²(O − Ō)²)/Σw.
    /// Ref: Owen, Monte Carlo theory, methods and examples (2013), ch. 9.
    /// </summary>
    public static (double Mean, double Error) Reweighted(ReadOnlySpan<double> logWeights, ReadOnlySpan<double> values)
    {
        var max = Weights.Max(logWeights);
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

    /// <summary>ln mean(w) and its delta-method error σ(w)/(√N·mean w). Biased low by Jensen at finite N.</summary>
    public static (double LogMean, double Error) LogMeanWeight(ReadOnlySpan<double> logWeights)
    {
        var n = logWeights.Length;
        var max = Weights.Max(logWeights);
        double s = 0, s2 = 0;
        foreach (var lw in logWeights)
        {
            var w = Math.Exp(lw - max);
            s += w;
            s2 += w * w;
        }
        var mean = s / n;
        var variance = Math.Max(0, (s2 / n - mean * mean) * n / (n - 1.0));
        return (max + Math.Log(mean), Math.Sqrt(variance / n) / mean);
    }

    /// <summary>Histogram normalized to a density: X holds the bins+1 edges, Y counts/(N·width).</summary>
    public static (double[] Edges, double[] Density) Histogram(ReadOnlySpan<double> values, int bins, double min, double max)
    {
        var edges = new double[bins + 1];
        var width = (max - min) / bins;
        for (var i = 0; i <= bins; i++) edges[i] = min + i * width;
        var density = new double[bins];
        foreach (var v in values)
        {
            var k = (int)Math.Floor((v - min) / width);
            if (k == bins && v == max) k--;
            if (k < 0 || k >= bins) continue;
            density[k]++;
        }
        for (var i = 0; i < bins; i++) density[i] /= Math.Max(1, values.Length) * width;
        return (edges, density);
    }
}
