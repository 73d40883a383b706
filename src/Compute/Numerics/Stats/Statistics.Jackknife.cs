namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>
    /// Delete-one-block jackknife for a function of the means of several equally long, correlated series (e.g.
    /// c = β²N(⟨e²⟩ − ⟨e⟩²) from the series e and e²; one series and f = identity give the mean with its blocked error).
    /// The series are cut into the same <paramref name="blocks"/> consecutive blocks (sizes differ by at most one),
    /// θ_b = f(means without block b); returns the bias-corrected estimate B·f(all) − (B−1)·θ̄ (which removes the O(1/N)
    /// bias of a nonlinear f; for f(x) = x² and B = N it is exactly x̄² − s²/N) and the error √((B−1)/B Σ_b (θ_b − θ̄)²).
    /// Valid when blocks are much longer than the integrated autocorrelation time (see <see cref="JackknifeBlocks"/>).
    /// Ref: Efron, "The Jackknife, the Bootstrap and Other Resampling Plans" (SIAM 1982); Young, arXiv:1210.3781, §4.
    /// </summary>
    public static (double Value, double Error) Jackknife(IReadOnlyList<double[]> series, int blocks, Func<double[], double> f)
    {
        if (blocks < 2) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "The jackknife needs at least 2 blocks.");
        var k = series.Count;
        var n = series[0].Length;
        if (n < blocks) throw new ArgumentException($"{n} values cannot fill {blocks} jackknife blocks.", nameof(blocks));
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

    /// <summary>Jackknife blocks for a series of <paramref name="length"/> values with autocorrelation time τ: blocks of ≥ 4τ, between 8 and 64 blocks.</summary>
    public static int JackknifeBlocks(int length, double tau)
    {
        var blockLength = Math.Max(1, (int)Math.Ceiling(4 * (double.IsFinite(tau) ? Math.Max(tau, 0.5) : 1)));
        return Math.Clamp(length / blockLength, Math.Min(8, length), 64);
    }
}
