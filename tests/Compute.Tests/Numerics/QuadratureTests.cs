using Compute.Numerics;

namespace Compute.Tests.Numerics;

public class QuadratureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(64)]
    [InlineData(150)]
    public void GaussHermite_Moments_MatchStandardNormal(int n)
    {
        var (t, w) = Quadrature.GaussHermite(n);
        Assert.Equal(1.0, w.Sum(), 12);
        // E[t^{2k}] = (2k−1)!! is exact for 2k ≤ 2n−1.
        double doubleFactorial = 1;
        for (var k = 1; 2 * k <= Math.Min(2 * n - 1, 12); k++)
        {
            doubleFactorial *= 2 * k - 1;
            var moment = t.Zip(w, (ti, wi) => wi * Math.Pow(ti, 2 * k)).Sum();
            Assert.Equal(1.0, moment / doubleFactorial, 10);
        }
        Assert.Equal(0.0, t.Zip(w, (ti, wi) => wi * ti).Sum(), 12);
        for (var i = 1; i < n; i++) Assert.True(t[i] > t[i - 1]);
    }

    [Fact]
    public void GaussianAverage_SmoothFunctions_MatchClosedForms()
    {
        // E[cos t] = e^{−1/2}, E[e^{t}] = e^{1/2}, E[H(t)] = 1/2 by symmetry.
        Assert.Equal(Math.Exp(-0.5), Quadrature.GaussianAverage(Math.Cos, 40), 13);
        Assert.Equal(Math.Exp(0.5), Quadrature.GaussianAverage(Math.Exp, 40), 12);
        Assert.Equal(0.5, Quadrature.GaussianAverage(Special.H, 80), 12);
    }

    [Fact]
    public void Integrate_FiniteIntervals_MatchClosedForms()
    {
        Assert.Equal(2.0, Quadrature.Integrate(Math.Sin, 0, Math.PI, 1e-12), 12);
        Assert.Equal(Math.Log(1e3), Quadrature.Integrate(x => 1 / x, 1e-3, 1, 1e-12), 10);
        // Integrable endpoint singularity: ∫_0^1 x^{−1/2} = 2.
        Assert.Equal(2.0, Quadrature.Integrate(x => 1 / Math.Sqrt(x), 0, 1, 1e-10), 8);
        Assert.Equal(-2.0, Quadrature.Integrate(Math.Sin, Math.PI, 0, 1e-12), 12);
    }

    [Fact]
    public void Integrate_InfiniteIntervals_MatchClosedForms()
    {
        Assert.Equal(Math.Sqrt(Math.PI), Quadrature.Integrate(x => Math.Exp(-x * x), double.NegativeInfinity, double.PositiveInfinity, 1e-12), 11);
        Assert.Equal(Math.PI / 2, Quadrature.Integrate(x => 1 / (1 + x * x), 0, double.PositiveInfinity, 1e-12), 10);
        Assert.Equal(Special.H(1.3), Quadrature.Integrate(Special.Phi, 1.3, double.PositiveInfinity, 1e-13), 12);
        Assert.Equal(1 - Special.H(-0.4), Quadrature.Integrate(Special.Phi, double.NegativeInfinity, -0.4, 1e-13), 12);
    }

    [Fact]
    public void Integrate_NaNIntegrand_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Quadrature.Integrate(x => double.NaN, 0, 1));
}
