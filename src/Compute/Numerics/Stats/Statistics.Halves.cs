namespace Compute.Numerics.Stats;

/// <summary>
/// The means of the two halves of a measured Monte Carlo series with their binning errors: the last logarithmic bin
/// of the measurement (its second half) and everything measured before it. A chain still relaxing when the measurement
/// began drifts between them, and the mean over the whole series inherits that drift; in equilibrium they agree.
/// </summary>
public readonly record struct SeriesHalves(double First, double FirstError, double Second, double SecondError)
{
    /// <summary>Second − first: the drift over the measurement.</summary>
    public double Drift => Second - First;

    /// <summary>The standard error of <see cref="Drift"/> (the halves are treated as independent).</summary>
    public double DriftError => Math.Sqrt(FirstError * FirstError + SecondError * SecondError);
}

public static partial class Statistics
{
    /// <summary>
    /// The first and second half of a series (at least 8 values), each with its automatic binning error
    /// (<see cref="BinningError"/>), for the equilibration test "the last logarithmic bin agrees with the one before":
    /// with the measurement as the history, the last bin is its second half and the one before covers the first half,
    /// so every value in the reported mean is tested. Ref: Bhatt &amp; Young, PRB 37, 5606 (1988) (logarithmic binning).
    /// </summary>
    public static SeriesHalves Halves(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        if (n < 8) throw new ArgumentException($"Comparing halves needs at least 8 values, got {n}.", nameof(series));
        var (first, firstError, _) = BinningError(series[..(n / 2)]);
        var (second, secondError, _) = BinningError(series[(n / 2)..]);
        return new SeriesHalves(first, firstError, second, secondError);
    }
}
