namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>
    /// Delete-one-block jackknife estimate of f(⟨x⟩) and its standard error. The values are cut into
    /// <paramref name="blocks"/> consecutive blocks (sizes differ by at most one; blocks longer than the
    /// autocorrelation time make the error valid for correlated series); θ_b = f(mean of all values outside
    /// block b). Returns the bias-corrected estimate B·f(x̄) − (B−1)·θ̄ (which removes the O(1/N) bias of a
    /// nonlinear f; for f(x) = x² and B = N it is exactly x̄² − s²/N) and the error √((B−1)/B · Σ_b (θ_b − θ̄)²).
    /// With f = identity (the default) this is the mean with its blocked standard error.
    /// Ref: Efron, "The Jackknife, the Bootstrap and Other Resampling Plans" (SIAM 1982); Young, arXiv:1210.3781.
    /// </summary>
    public static (double Mean, double Error) Jackknife(ReadOnlySpan<double> values, int blocks, Func<double, double>? transform = null)
    {
        var n = values.Length;
        if (blocks < 2) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "The jackknife needs at least 2 blocks.");
        if (n < blocks) throw new ArgumentException($"{n} values cannot fill {blocks} blocks.", nameof(values));
        var f = transform ?? (static x => x);

        var total = 0.0;
        foreach (var v in values) total += v;
        var fAll = f(total / n);

        var thetaMean = 0.0;
        var theta = blocks <= 1024 ? stackalloc double[blocks] : new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            // Block b covers [b·N/B, (b+1)·N/B): every value belongs to exactly one block.
            var start = (int)((long)b * n / blocks);
            var end = (int)((long)(b + 1) * n / blocks);
            var blockSum = 0.0;
            for (var i = start; i < end; i++) blockSum += values[i];
            theta[b] = f((total - blockSum) / (n - (end - start)));
            thetaMean += theta[b];
        }
        thetaMean /= blocks;

        var ss = 0.0;
        foreach (var t in theta) ss += (t - thetaMean) * (t - thetaMean);
        return (blocks * fAll - (blocks - 1) * thetaMean, Math.Sqrt((blocks - 1.0) / blocks * ss));
    }
}
