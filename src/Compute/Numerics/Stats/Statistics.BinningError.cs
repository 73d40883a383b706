namespace Compute.Numerics.Stats;

public static partial class Statistics
{
    /// <summary>
    /// Mean of a correlated series and its standard error by blocking (Flyvbjerg &amp; Petersen 1989): the series
    /// is repeatedly halved into blocks of 2, 4, 8, … consecutive values, and the block size is chosen
    /// automatically as the first level at which the block means are uncorrelated, by Jonsson's test
    /// M_k = Σ_{j≥k} n_j (γ_j/σ²_j)² &lt; χ²_{0.99}(levels left), with γ_j the lag-1 autocovariance and σ²_j
    /// the variance of the n_j block means at level j. The error is √(σ²_k/(n_k−1)) at the chosen level,
    /// which for a long series approaches √(2τ_int σ²/N). An odd block at the end of a level is dropped.
    /// Fewer than 2 values give an error of NaN; none give (NaN, NaN, 0).
    /// Ref: Flyvbjerg &amp; Petersen, J. Chem. Phys. 91, 461 (1989); Jonsson, Phys. Rev. E 98, 043304 (2018).
    /// </summary>
    public static (double Mean, double Error, int BinSize) BinningError(ReadOnlySpan<double> series)
    {
        var n = series.Length;
        if (n == 0) return (double.NaN, double.NaN, 0);
        var mean = 0.0;
        foreach (var v in series) mean += v;
        mean /= n;
        if (n < 2) return (mean, double.NaN, 1);

        // Levels with at least 2 blocks; each level's lag-1 autocovariance and variance of block means.
        var levels = 0;
        for (var size = n; size >= 2; size /= 2) levels++;
        Span<double> weightedRho2 = stackalloc double[levels];
        Span<double> variance = stackalloc double[levels];
        Span<int> blocks = stackalloc int[levels];
        var x = series.ToArray();
        var count = n;
        for (var level = 0; level < levels; level++)
        {
            // The blocks' own mean (not the full series mean) so that a dropped odd tail does not bias γ and σ².
            var levelMean = 0.0;
            for (var i = 0; i < count; i++) levelMean += x[i];
            levelMean /= count;
            double ss = 0, lag1 = 0;
            for (var i = 0; i < count; i++)
            {
                var d = x[i] - levelMean;
                ss += d * d;
                if (i + 1 < count) lag1 += d * (x[i + 1] - levelMean);
            }
            variance[level] = ss / count;
            blocks[level] = count;
            var rho = ss > 0 ? lag1 / ss : 0;
            weightedRho2[level] = count * rho * rho;
            for (var i = 0; i < count / 2; i++) x[i] = 0.5 * (x[2 * i] + x[2 * i + 1]);
            count /= 2;
        }

        // Jonsson's test from the coarsest level down: M_k sums the evidence of correlation at levels ≥ k.
        var chosen = levels - 1;
        var mTail = 0.0;
        Span<double> m = stackalloc double[levels];
        for (var level = levels - 1; level >= 0; level--)
        {
            mTail += weightedRho2[level];
            m[level] = mTail;
        }
        for (var level = 0; level < levels; level++)
        {
            if (m[level] < ChiSquareQuantile99(levels - level))
            {
                chosen = level;
                break;
            }
        }
        var nb = blocks[chosen];
        return (mean, Math.Sqrt(variance[chosen] * nb / (nb - 1) / nb), 1 << chosen);
    }

    /// <summary>The 0.99 quantile of χ² with <paramref name="dof"/> degrees of freedom (Wilson-Hilferty; within 1 % for dof ≥ 1).</summary>
    private static double ChiSquareQuantile99(int dof)
    {
        const double z99 = 2.3263478740408408;
        var a = 2.0 / (9.0 * dof);
        var c = 1 - a + z99 * Math.Sqrt(a);
        return dof * c * c * c;
    }
}
