using Compute.EnergyModels.Hamiltonians;
using Compute.EnergyModels.Ising;
using Compute.EnergyModels.SpinGlass;
using Compute.Flows.Van;
using Compute.Numerics;

namespace Compute.Tests.Flows.Van;

public class VanTargetTests
{
    private static float[] AllConfigurations(int n)
    {
        var s = new float[(1 << n) * n];
        for (var c = 0; c < 1 << n; c++)
            for (var i = 0; i < n; i++) s[c * n + i] = ((c >> i) & 1) == 1 ? 1f : -1f;
        return s;
    }

    [Theory]
    [InlineData(3, 0.3)]
    [InlineData(4, 0.44)]
    public void IsingTarget_EnumeratedLogZ_MatchesKaufman(int l, double beta)
    {
        // Same convention as Kaufman's torus: 2L² bonds, J = 1.
        var target = new IsingTarget(l);
        var n = l * l;
        var s = AllConfigurations(n);
        var e = new double[1 << n];
        target.Energies(s, e, 1 << n);
        var logZ = Special.LogSumExp(e.Select(x => -beta * x).ToArray());
        Assert.Equal(Kaufman.LogPartitionFunction(l, l, beta), logZ, 9);
        Assert.Equal(-2.0 * n, e.Min());
    }

    [Fact]
    public void PairwiseTarget_SkEnergies_MatchSkCouplingsEnergy()
    {
        const int n = 11;
        var couplings = SkCouplings.Sample(n, 5);
        var target = new PairwiseTarget(couplings, n);
        var rng = new Rng(6);
        var s = new float[20 * n];
        for (var k = 0; k < s.Length; k++) s[k] = rng.NextSign();
        var e = new double[20];
        target.Energies(s, e, 20);
        for (var r = 0; r < 20; r++)
        {
            var spins = s.Skip(r * n).Take(n).Select(v => (sbyte)v).ToArray();
            Assert.Equal(SkCouplings.Energy(couplings, n, spins), e[r], 10);
        }
    }

    [Fact]
    public void Hopfield_Energy_IsMinusOverlapsSquaredOver2NPlusHalfP()
    {
        const int n = 10, p = 3;
        var xi = HebbianCouplings.RandomPatterns(n, p, 7);
        var target = new PairwiseTarget(HebbianCouplings.Of(xi, n), n);
        var rng = new Rng(8);
        var s = new float[30 * n];
        for (var k = 0; k < s.Length; k++) s[k] = rng.NextSign();
        // Patterns themselves among the configurations: the stored memories.
        for (var i = 0; i < n; i++) s[i] = (float)xi[i];
        var e = new double[30];
        target.Energies(s, e, 30);
        for (var r = 0; r < 30; r++)
        {
            var sum = 0.0;
            for (var mu = 0; mu < p; mu++)
            {
                var m = 0.0;
                for (var i = 0; i < n; i++) m += xi[mu * n + i] * s[r * n + i];
                sum += m * m;
            }
            Assert.Equal(-sum / (2 * n) + p / 2.0, e[r], 10);
        }
    }
}
