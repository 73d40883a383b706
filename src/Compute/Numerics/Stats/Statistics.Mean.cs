namespace Compute.Numerics.Stats;

/// <summary>Estimators with error bars. One file per estimator.</summary>
public static partial class Statistics
{
    /// <summary>
    /// Sample mean and its standard error σ/√n (n−1 normalization) for independent values.
    /// One value gives an error of NaN; none gives (NaN, NaN).
    /// </summary>
    public static (double Mean, double Error) MeanAndError(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n == 0) return (double.NaN, double.NaN);
        var mean = 0.0;
        foreach (var v in values) mean += v;
        mean /= n;
        if (n == 1) return (mean, double.NaN);
        var ss = 0.0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(ss / (n - 1) / n));
    }
}
