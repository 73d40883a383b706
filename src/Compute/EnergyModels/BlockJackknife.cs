namespace Compute.EnergyModels;

/// <summary>
/// Delete-one-block jackknife for a function of the means of several equally long, correlated series
/// (e.g. c = β²N(⟨e²⟩ − ⟨e⟩²) from the series e and e²): the series are cut into the same consecutive blocks,
/// θ_b = f(means without block b), error √((B−1)/B Σ_b (θ_b − θ̄)²), estimate bias-corrected B·f(all) − (B−1)·θ̄.
/// Valid when blocks are much longer than the integrated autocorrelation time.
/// Ref: B. Efron (1982); P. Young, arXiv:1210.3781, §4.
/// </summary>
public static class BlockJackknife
{
    /// <summary>Block count for a series of <paramref name="length"/> values with autocorrelation time τ: blocks of ≥ 4τ, between 8 and 64 blocks.</summary>
    public static int Blocks(int length, double tau)
    {
        var blockLength = Math.Max(1, (int)Math.Ceiling(4 * (double.IsFinite(tau) ? Math.Max(tau, 0.5) : 1)));
        return Math.Clamp(length / blockLength, Math.Min(8, length), 64);
    }

    public static (double Value, double Error) Estimate(IReadOnlyList<double[]> series, int blocks, Func<double[], double> f)
    {
        var k = series.Count;
        var n = series[0].Length;
        if (blocks < 2 || n < blocks) throw new ArgumentException($"{n} values cannot fill {blocks} jackknife blocks.", nameof(blocks));
        var totals = new double[k];
        var blockSums = new double[blocks, k];
        for (var s = 0; s < k; s++)
        {
            var x = series[s];
            for (var b = 0; b < blocks; b++)
            {
                // Block b covers [b·n/B, (b+1)·n/B), so every value belongs to exactly one block.
                var start = (int)((long)b * n / blocks);
                var end = (int)((long)(b + 1) * n / blocks);
                var sum = 0.0;
                for (var i = start; i < end; i++) sum += x[i];
                blockSums[b, s] = sum;
                totals[s] += sum;
            }
        }
        var means = new double[k];
        for (var s = 0; s < k; s++) means[s] = totals[s] / n;
        var all = f(means);
        var theta = new double[blocks];
        var thetaMean = 0.0;
        for (var b = 0; b < blocks; b++)
        {
            var size = (int)((long)(b + 1) * n / blocks) - (int)((long)b * n / blocks);
            for (var s = 0; s < k; s++) means[s] = (totals[s] - blockSums[b, s]) / (n - size);
            theta[b] = f(means);
            thetaMean += theta[b];
        }
        thetaMean /= blocks;
        var ss = 0.0;
        foreach (var t in theta) ss += (t - thetaMean) * (t - thetaMean);
        return (blocks * all - (blocks - 1) * thetaMean, Math.Sqrt((blocks - 1.0) / blocks * ss));
    }
}
