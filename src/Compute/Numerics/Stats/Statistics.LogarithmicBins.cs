namespace Compute.Numerics.Stats;

/// <summary>
/// The means of the last two logarithmic bins of a Monte Carlo series, the second half [n/2, n) and the quarter before
/// it [n/4, n/2), with their binning errors. A chain still relaxing drifts between them; in equilibrium they agree
/// within errors.
/// </summary>
public readonly record struct LogarithmicBins(double Last, double LastError, double Previous, double PreviousError)
{
    /// <summary>Last − previous: the drift over the second half of the run.</summary>
    public double Drift => Last - Previous;

    /// <summary>The standard error of <see cref="Drift"/> (the two bins are treated as independent).</summary>
    public double DriftError => Math.Sqrt(LastError * LastError + PreviousError * PreviousError);
}

public static partial class Statistics
{
    /// <summary>
    /// Logarithmic binning of a series (at least 8 values): the mean of its second half and of the quarter before it,
    /// each with its automatic binning error (<see cref="BinningError"/>), for the equilibration test "the last two
    /// bins agree". Ref: Bhatt &amp; Young, PRB 37, 5606 (1988); Katzgraber, Palassini &amp; Young, PRB 63, 184422 (2001).
    /// </summary>
    public static LogarithmicBins LastLogarithmicBins(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        if (n < 8) throw new ArgumentException($"Logarithmic binning needs at least 8 values, got {n}.", nameof(series));
        var (last, lastError, _) = BinningError(series[(n / 2)..]);
        var (previous, previousError, _) = BinningError(series[(n / 4)..(n / 2)]);
        return new LogarithmicBins(last, lastError, previous, previousError);
    }
}
