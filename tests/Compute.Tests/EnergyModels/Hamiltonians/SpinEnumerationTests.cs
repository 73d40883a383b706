using Compute.EnergyModels.Hamiltonians;
using Compute.EnergyModels.Ising;
using Compute.Numerics;

namespace Compute.Tests.EnergyModels.Hamiltonians;

public class SpinEnumerationTests
{
    [Fact]
    public void Energies_WithFields_MatchTheHamiltonianStateByState()
    {
        const int n = 7;
        var rng = new Rng(3);
        var j = new double[n * n];
        for (var a = 0; a < n; a++)
            for (var b = a + 1; b < n; b++) j[a * n + b] = j[b * n + a] = rng.NextGaussian();
        var h = Enumerable.Range(0, n).Select(_ => rng.NextGaussian()).ToArray();
        var energies = SpinEnumeration.Energies(j, h, n, halfSpace: false, TestContext.Current.CancellationToken);
        Assert.Equal(1 << n, energies.Length);
        for (var state = 0; state < 1 << n; state++)
        {
            var e = 0.0;
            for (var a = 0; a < n; a++)
            {
                var sa = SpinEnumeration.Spin(state, a);
                e -= h[a] * sa;
                for (var b = a + 1; b < n; b++) e -= j[a * n + b] * sa * SpinEnumeration.Spin(state, b);
            }
            Assert.Equal(e, energies[state], 1e-12);
        }
    }

    [Fact]
    public void Energies_HalfSpace_AreTheStatesWithTheLastSpinUp()
    {
        const int n = 6;
        var j = SkCouplings.Sample(n, 11);
        var full = SpinEnumeration.Energies(j, [], n, halfSpace: false, TestContext.Current.CancellationToken);
        var half = SpinEnumeration.Energies(j, [], n, halfSpace: true, TestContext.Current.CancellationToken);
        for (var g = 0; g < half.Length; g++) Assert.Equal(full[g | 1 << (n - 1)], half[g], 1e-12);
        Assert.Throws<ArgumentException>(() => SpinEnumeration.Energies(j, [0, 0, 0, 0, 0, 0.1], n, halfSpace: true, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(2, 0.44)]
    [InlineData(4, 0.4406868)]
    [InlineData(4, 1.5)]
    public void IsingTorus_EnumeratedLogZ_EqualsKaufman(int size, double beta)
    {
        var energies = SpinEnumeration.Energies(IsingTorus.Couplings(size), [], size * size, halfSpace: true, TestContext.Current.CancellationToken);
        var eMin = energies.Min();
        var z = energies.Sum(e => Math.Exp(-beta * (e - eMin)));
        Assert.Equal(Kaufman.LogPartitionFunction(size, size, beta), Math.Log(2 * z) - beta * eMin, 1e-9);
    }

    [Fact]
    public void IsingTorus_Energy_CountsEveryBondOnceForSpinsAndUnits()
    {
        // All up: −2N; a checkerboard: +2N; a 0/1 row reads 0 as down.
        Assert.Equal(-32, IsingTorus.Energy<sbyte>(Enumerable.Repeat((sbyte)1, 16).ToArray(), 4));
        var checkerboard = Enumerable.Range(0, 16).Select(i => (i % 4 + i / 4) % 2 == 0 ? 1f : -1f).ToArray();
        Assert.Equal(32, IsingTorus.Energy<float>(checkerboard, 4));
        Assert.Equal(32, IsingTorus.Energy<float>(checkerboard.Select(s => s > 0 ? 1f : 0f).ToArray(), 4));
    }
}
