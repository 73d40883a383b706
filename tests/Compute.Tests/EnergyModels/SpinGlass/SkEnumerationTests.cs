using Compute.EnergyModels.Hamiltonians;
using Compute.EnergyModels.SpinGlass;
using Compute.Numerics.Stats;

namespace Compute.Tests.EnergyModels.SpinGlass;

public class SkEnumerationTests
{
    private static sbyte[] Spins(int state, int n)
    {
        var s = new sbyte[n];
        for (var i = 0; i < n; i++) s[i] = (sbyte)(((state >> i) & 1) * 2 - 1);
        return s;
    }

    [Fact]
    public void Couplings_AreSymmetricWithZeroDiagonalAndVarianceOneOverN()
    {
        const int n = 200;
        var j = SkCouplings.Sample(n, 5);
        double sum = 0, sumSq = 0;
        for (var a = 0; a < n; a++)
        {
            Assert.Equal(0, j[a * n + a]);
            for (var b = a + 1; b < n; b++)
            {
                Assert.Equal(j[a * n + b], j[b * n + a]);
                sum += j[a * n + b];
                sumSq += j[a * n + b] * j[a * n + b];
            }
        }
        var pairs = n * (n - 1) / 2.0;
        var variance = sumSq / pairs;
        // Sample variance of 19900 Gaussians: relative standard error √(2/19900) ≈ 1 %.
        Assert.Equal(1.0 / n, variance, 0.05 / n);
        Assert.True(Math.Abs(sum / pairs) < 4 * Math.Sqrt(1.0 / n / pairs));
        Assert.Equal(j, SkCouplings.Sample(n, 5));
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(7, 0.3)]
    [InlineData(9, 2.0)]
    [InlineData(10, 5.0)]
    public void Thermodynamics_MatchesDirectSumOverStates(int n, double beta)
    {
        var j = SkCouplings.Sample(n, (ulong)(100 + n));
        double eMin = double.PositiveInfinity;
        var energies = new double[1 << n];
        for (var state = 0; state < 1 << n; state++)
            eMin = Math.Min(eMin, energies[state] = SkCouplings.Energy(j, n, Spins(state, n)));
        double z = 0, e1 = 0, e2 = 0;
        var c = new double[n * n];
        for (var state = 0; state < 1 << n; state++)
        {
            var w = Math.Exp(-beta * (energies[state] - eMin));
            z += w;
            e1 += w * energies[state];
            e2 += w * energies[state] * energies[state];
            var s = Spins(state, n);
            for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++) c[a * n + b] += w * s[a] * s[b];
        }
        var q2 = c.Sum(x => x / z * (x / z)) / (n * n);
        var exact = SkEnumeration.Thermodynamics(j, n, [beta], withOverlap: true)[0];
        Assert.Equal(Math.Log(z) - beta * eMin, exact.LogZ, 1e-10);
        Assert.Equal(Math.Log(z) - beta * eMin, SkEnumeration.LogPartitionFunction(j, n, beta), 1e-10);
        Assert.Equal(e1 / z / n, exact.EnergyPerSpin, 1e-10);
        Assert.Equal(beta * beta * (e2 / z - e1 / z * (e1 / z)) / n, exact.SpecificHeatPerSpin, 1e-8);
        Assert.Equal(q2, exact.MeanQ2, 1e-10);
        Assert.Equal(eMin, SkEnumeration.GroundStateEnergy(j, n), 1e-10);
    }

    [Fact]
    public void Thermodynamics_DisorderAverage_SatisfiesIntegrationByPartsIdentity()
    {
        // E_J⟨H⟩/N = −(β/2)(1 − E_J⟨q²⟩) holds exactly at every N for J_ij ~ N(0, 1/N) (SCIENCE.md 2.3);
        // here the disorder average is over 600 samples at N = 8, so it holds within the sample error.
        const int n = 8, samples = 600;
        double[] betas = [0.5, 1.5];
        var residual = new double[betas.Length][];
        for (var b = 0; b < betas.Length; b++) residual[b] = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var points = SkEnumeration.Thermodynamics(SkCouplings.Sample(n, (ulong)s), n, betas, withOverlap: true);
            for (var b = 0; b < betas.Length; b++)
                residual[b][s] = points[b].EnergyPerSpin + betas[b] / 2 * (1 - points[b].MeanQ2);
        }
        for (var b = 0; b < betas.Length; b++)
        {
            var (mean, error) = Statistics.MeanAndError(residual[b]);
            Assert.True(Math.Abs(mean) <= 3 * error, $"β = {betas[b]}: residual {mean} ± {error}");
        }
    }
}
