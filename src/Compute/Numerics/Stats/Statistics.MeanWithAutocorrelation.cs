namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>
    /// Mean of a correlated series, its error √(2τ_int·var/N), and τ_int (with its error) from
    /// <see cref="IntegratedAutocorrelationTime"/> (FFT, Sokal's automatic window); τ_int = ½ when it is undefined.
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
        var (tau, tauError, _) = IntegratedAutocorrelationTime(series);
        if (!double.IsFinite(tau)) tau = 0.5;
        return (mean, Math.Sqrt(2 * tau * variance / n), tau, tauError);
    }
}
