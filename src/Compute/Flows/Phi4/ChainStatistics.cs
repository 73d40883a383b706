using Compute.Numerics.Stats;

namespace Compute.Flows.Phi4;

/// <summary>Autocorrelation-aware errors for Markov-chain series and self-normalized importance-sampling errors.</summary>
internal static class ChainStatistics
{
    /// <summary>
    /// Mean, its error √(2τ_int·var/N), and τ_int (with its error) of a correlated series; τ_int from
    /// <see cref="Statistics.IntegratedAutocorrelationTime"/> (FFT, Sokal's automatic window).
    /// </summary>
    public static (double Mean, double Error, double Tau, double TauError) MeanWithAutocorrelation(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        var mean = 0.0;
        foreach (var x in series) mean += x;
        mean /= n;
        var variance = 0.0;
        foreach (var x in series) variance += (x - mean) * (x - mean);
        variance /= Math.Max(1, n - 1);
        var (tau, tauError, _) = Statistics.IntegratedAutocorrelationTime(series);
        if (!double.IsFinite(tau)) tau = 0.5;
        return (mean, Math.Sqrt(2 * tau * variance / n), tau, tauError);
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
        var (edges, counts) = Statistics.Histogram(values, bins, min, max);
        var norm = Math.Max(1, values.Length) * (max - min) / bins;
        for (var i = 0; i < bins; i++) counts[i] /= norm;
        return (edges, counts);
    }
}
