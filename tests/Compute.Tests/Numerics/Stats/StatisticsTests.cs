using Compute.Numerics;
using Compute.Numerics.Stats;

namespace Compute.Tests.Numerics.Stats;

public class StatisticsTests
{
    /// <summary>
    /// Stationary AR(1) with unit variance, x_t = ρ x_{t−1} + √(1−ρ²) g_t: ρ(t) = ρ^t, so
    /// τ_int = (1+ρ)/(2(1−ρ)) and Var(x̄) = (1/N)[(1+ρ)/(1−ρ) − 2ρ(1−ρ^N)/(N(1−ρ)²)] exactly.
    /// </summary>
    private static double[] Ar1(int n, double rho, ulong seed, ulong stream = 0)
    {
        var rng = new Rng(seed, stream);
        var x = new double[n];
        x[0] = rng.NextGaussian();
        var noise = Math.Sqrt(1 - rho * rho);
        for (var t = 1; t < n; t++) x[t] = rho * x[t - 1] + noise * rng.NextGaussian();
        return x;
    }

    private static double Ar1TauInt(double rho) => (1 + rho) / (2 * (1 - rho));

    private static double Ar1ErrorOfMean(int n, double rho) =>
        Math.Sqrt(((1 + rho) / (1 - rho) - 2 * rho * (1 - Math.Pow(rho, n)) / (n * (1 - rho) * (1 - rho))) / n);

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.8)]
    [InlineData(0.95)]
    public void IntegratedAutocorrelationTime_Ar1_MatchesExactWithinError(double rho)
    {
        var series = Ar1(1 << 17, rho, seed: 11);
        var (tau, error, window) = Statistics.IntegratedAutocorrelationTime(series);
        var exact = Ar1TauInt(rho);
        Assert.True(Math.Abs(tau - exact) <= 3 * error, $"τ = {tau} ± {error} (W = {window}), exact {exact}");
        // Sokal's window: W ≥ 6 τ(W) at the first lag where it holds.
        Assert.True(window >= 6 * tau && window <= 6 * tau + 2, $"W = {window}, τ = {tau}");
        // The error bar is Madras-Sokal's and a meaningful fraction, not a blanket (≤ 6 % here, N = 2¹⁷).
        Assert.Equal(tau * Math.Sqrt(2.0 * (2 * window + 1) / series.Length), error, 1e-12);
        Assert.True(error < 0.1 * exact, $"error {error} too large for τ = {exact}");
    }

    [Fact]
    public void IntegratedAutocorrelationTime_ErrorBar_MatchesSpreadOverIndependentSeries()
    {
        const double rho = 0.7;
        const int series = 200;
        var taus = new double[series];
        var errors = new double[series];
        for (var s = 0; s < series; s++)
            (taus[s], errors[s], _) = Statistics.IntegratedAutocorrelationTime(Ar1(4096, rho, seed: 5, stream: (ulong)s));
        var (meanTau, _) = Statistics.MeanAndError(taus);
        var spread = StandardDeviation(taus);
        var typicalError = errors.Average();
        Assert.True(Math.Abs(meanTau - Ar1TauInt(rho)) < 0.05 * Ar1TauInt(rho), $"⟨τ⟩ = {meanTau}, exact {Ar1TauInt(rho)}");
        Assert.True(typicalError > 0.7 * spread && typicalError < 1.5 * spread, $"error bar {typicalError}, actual spread {spread}");
    }

    [Fact]
    public void IntegratedAutocorrelationTime_ConstantAndTiny_AreDefined()
    {
        Assert.Equal((0.5, 0.0, 0), Statistics.IntegratedAutocorrelationTime([3.0, 3.0, 3.0, 3.0]));
        Assert.True(double.IsNaN(Statistics.IntegratedAutocorrelationTime([1.0]).Tau));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void BinningError_LongAr1_MatchesExactErrorOfMean(double rho)
    {
        const int n = 1 << 18;
        var (mean, error, binSize) = Statistics.BinningError(Ar1(n, rho, seed: 3));
        var exact = Ar1ErrorOfMean(n, rho);
        Assert.True(Math.Abs(error / exact - 1) < 0.15, $"error {error} (bin {binSize}), exact {exact}");
        Assert.True(Math.Abs(mean) < 4 * exact, $"mean {mean}");
        if (rho > 0) Assert.True(binSize >= 2 * Ar1TauInt(rho), $"bin size {binSize} shorter than the correlation time");
        else Assert.True(binSize <= 4, $"bin size {binSize} for uncorrelated data");
    }

    [Fact]
    public void BinningError_EnsembleOfAr1_ErrorBarsMatchSpreadOfMeans()
    {
        const double rho = 0.8;
        const int n = 8192, series = 300;
        var means = new double[series];
        var errors = new double[series];
        for (var s = 0; s < series; s++)
            (means[s], errors[s], _) = Statistics.BinningError(Ar1(n, rho, seed: 7, stream: (ulong)s));
        var exact = Ar1ErrorOfMean(n, rho);
        var rms = Math.Sqrt(errors.Select(e => e * e).Average());
        // Spread of the means is the truth the error bar must reproduce (relative uncertainty 1/√(2·300) ≈ 4 %).
        Assert.True(Math.Abs(StandardDeviation(means) / exact - 1) < 0.12, $"spread {StandardDeviation(means)}, exact {exact}");
        Assert.True(Math.Abs(rms / exact - 1) < 0.12, $"rms error bar {rms}, exact {exact}");
    }

    [Fact]
    public void BinningError_EdgeCases_AreDefined()
    {
        var empty = Statistics.BinningError([]);
        Assert.True(double.IsNaN(empty.Mean) && empty.BinSize == 0);
        var one = Statistics.BinningError([2.5]);
        Assert.Equal(2.5, one.Mean);
        Assert.True(double.IsNaN(one.Error));
        Assert.Equal((2.0, 0.0, 1), Statistics.BinningError([2.0, 2.0, 2.0, 2.0, 2.0]));
    }

    [Fact]
    public void Jackknife_SquareOfMeanWithSingleDeletion_IsExactlyUnbiasedEstimator()
    {
        // For f(x̄) = x̄² and B = N the bias-corrected jackknife equals x̄² − s²/N (s² with N−1), an unbiased estimator of μ².
        var rng = new Rng(21);
        var x = Enumerable.Range(0, 50).Select(_ => 1.5 + rng.NextGaussian()).ToArray();
        var (mean, _) = Statistics.Jackknife([x], x.Length, v => v[0] * v[0]);
        var xbar = x.Average();
        var s2 = x.Sum(v => (v - xbar) * (v - xbar)) / (x.Length - 1);
        Assert.Equal(xbar * xbar - s2 / x.Length, mean, 1e-12);
    }

    [Fact]
    public void Jackknife_IdentityWithSingleDeletion_EqualsStandardError()
    {
        var rng = new Rng(22);
        var x = Enumerable.Range(0, 77).Select(_ => rng.NextGaussian()).ToArray();
        var jack = Statistics.Jackknife([x], x.Length, v => v[0]);
        var plain = Statistics.MeanAndError(x);
        Assert.Equal(plain.Mean, jack.Value, 1e-13);
        Assert.Equal(plain.Error, jack.Error, 1e-13);
    }

    [Fact]
    public void Jackknife_NonlinearFunction_MatchesDeltaMethod()
    {
        // x ~ N(μ=2, σ=1): f = x̄² has error 2μσ/√N by the delta method.
        const int n = 20000;
        var rng = new Rng(23);
        var x = Enumerable.Range(0, n).Select(_ => 2.0 + rng.NextGaussian()).ToArray();
        var (mean, error) = Statistics.Jackknife([x], 100, v => v[0] * v[0]);
        var expectedError = 2 * 2.0 * 1.0 / Math.Sqrt(n);
        Assert.True(Math.Abs(error / expectedError - 1) < 0.25, $"error {error}, delta method {expectedError}");
        Assert.True(Math.Abs(mean - 4.0) < 3 * expectedError, $"estimate {mean} ± {error}, exact 4");
    }

    [Fact]
    public void Jackknife_BadBlocks_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Jackknife([[1.0, 2.0]], 1, v => v[0]));
        Assert.Throws<ArgumentException>(() => Statistics.Jackknife([[1.0, 2.0]], 3, v => v[0]));
    }

    [Fact]
    public void LogMeanWeight_TwoWeights_MatchHandComputedValues()
    {
        // w = {1, 3}: mean 2, ESS = 4²/(2·10) = 0.8, error √((1/0.8 − 1)/2) = √0.125.
        var (logMean, error, ess) = Statistics.LogMeanWeight([0.0, Math.Log(3)]);
        Assert.Equal(Math.Log(2), logMean, 14);
        Assert.Equal(0.8, ess, 14);
        Assert.Equal(Math.Sqrt(0.125), error, 14);
    }

    [Fact]
    public void LogMeanWeight_HugeEqualLogWeights_NoOverflow()
    {
        var (logMean, error, ess) = Statistics.LogMeanWeight([1000.0, 1000.0, 1000.0]);
        Assert.Equal(1000.0, logMean, 10);
        Assert.Equal(1.0, ess, 14);
        Assert.Equal(0.0, error, 7);
    }

    [Fact]
    public void Reweighted_MatchesHandComputedSelfNormalizedMean()
    {
        // w = {1, 3} on O = {0, 4}: mean (0 + 12)/4 = 3; error √(1·9 + 9·1)/4 = √18/4.
        var (mean, error) = Statistics.Reweighted([1000.0, 1000.0 + Math.Log(3)], [0.0, 4.0]);
        Assert.Equal(3.0, mean, 13);
        Assert.Equal(Math.Sqrt(18) / 4, error, 13);
    }

    [Fact]
    public void IndependenceAcceptance_EqualWeights_IsOne() =>
        Assert.Equal(1.0, Statistics.IndependenceAcceptance([2.0, 2.0, 2.0], new double[3]), 14);

    [Fact]
    public void EffectiveSampleSize_EqualWeights_IsOne() =>
        Assert.Equal(1.0, Statistics.EffectiveSampleSizeFromLogWeights([-1234.5, -1234.5, -1234.5, -1234.5]), 1e-15);

    [Fact]
    public void EffectiveSampleSize_OneDominantWeight_IsOneOverN()
    {
        var lw = new double[100];
        Array.Fill(lw, -800.0);
        lw[17] = 900.0; // e^1700 would overflow without subtracting the maximum
        Assert.Equal(1.0 / 100, Statistics.EffectiveSampleSizeFromLogWeights(lw), 1e-15);
    }

    [Fact]
    public void EffectiveSampleSize_TwoLevels_MatchesFormula()
    {
        // Half the weights e^a, half e^b: ESS/N = (1+r)²/(2(1+r²)) with r = e^{b−a}.
        double[] lw = [5000, 5000, 5001, 5001];
        var r = Math.E;
        Assert.Equal((1 + r) * (1 + r) / (2 * (1 + r * r)), Statistics.EffectiveSampleSizeFromLogWeights(lw), 1e-14);
        Assert.True(double.IsNaN(Statistics.EffectiveSampleSizeFromLogWeights([])));
        Assert.True(double.IsNaN(Statistics.EffectiveSampleSizeFromLogWeights([1.0, double.NaN])));
        Assert.Equal(0.5, Statistics.EffectiveSampleSizeFromLogWeights([0.0, double.NegativeInfinity]), 1e-15);
    }

    [Fact]
    public void Histogram_Counts_SumToValuesInRangeAndFollowTheNormalDensity()
    {
        var rng = new Rng(31);
        var x = Enumerable.Range(0, 100_000).Select(_ => rng.NextGaussian()).ToArray();
        var (edges, counts) = Statistics.Histogram(x, 40, -4, 4);
        Assert.Equal(41, edges.Length);
        Assert.Equal(-4.0, edges[0]);
        Assert.Equal(4.0, edges[^1]);
        Assert.Equal(x.Count(v => v >= -4 && v <= 4), counts.Sum());
        for (var j = 0; j < 40; j++)
        {
            var expected = x.Length * (Special.H(edges[j]) - Special.H(edges[j + 1]));
            Assert.True(Math.Abs(counts[j] - expected) <= 5 * Math.Sqrt(expected) + 1, $"bin {j}: {counts[j]} vs {expected}");
        }
    }

    [Fact]
    public void Histogram_Boundaries_AreHalfOpenExceptTheLast()
    {
        var (_, counts) = Statistics.Histogram([0.0, 0.25, 0.5, 0.75, 1.0, -0.1, 1.1, double.NaN], 4, 0, 1);
        Assert.Equal([1.0, 1.0, 1.0, 2.0], counts);
        Assert.Throws<ArgumentException>(() => Statistics.Histogram([1.0], 4, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.Histogram([1.0], 0, 0, 1));
    }

    private static double StandardDeviation(double[] x)
    {
        var m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1));
    }
}
