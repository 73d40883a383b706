using Compute.EnergyModels.Hamiltonians;
using System.Text.Json;
using Compute.EnergyModels.SpinGlass;
using Compute.Numerics;
using Compute.Tests.EnergyModels.Ising;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests.EnergyModels.SpinGlass;

public class SkModelTests
{
    private static ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new SkModel(), spec);

    private static string Failures(ResultDocument r) =>
        string.Join("; ", r.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}"));

    [Fact]
    public void Run_ParallelTempering_SatisfiesExactIdentityAtLowAndHighTemperature()
    {
        var result = Run(IsingModelTests.Spec(SkModel.Id, 5, ("N", 32), ("samples", 24), ("tMin", 0.6), ("tMax", 2.0), ("temperatures", 8), ("sweeps", 2000), ("warmup", 500)));
        var identity = result.Checks.Where(c => c.Name.StartsWith("E_J⟨H⟩/N + (β/2)", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, identity.Count);
        Assert.All(identity, c => Assert.True(c.Agrees, $"{c.Name}: {c.Simulated} ± {c.Error}"));
        Assert.Contains("T = 0.6", identity[^1].Name);
        Assert.Contains("T = 2", identity[0].Name);

        // Paramagnet at T = 2 (β = ½): u = −(β/2)(1 − E_J⟨q²⟩) with E_J⟨q²⟩ ≈ 1/(N(1 − β²)) at finite N, so u lies within
        // (β/2)·3/(N(1 − β²)) = 0.0625 of −β/2 = −¼, plus 3σ.
        var energy = result.Series.Single(s => s.Name == "energy");
        Assert.Equal(2.0, energy.X[0], 12);
        Assert.True(Math.Abs(energy.Y[0] + 0.25) <= 0.25 * 3 / (32 * 0.75) + 3 * energy.Error![0], $"u(T=2) = {energy.Y[0]} ± {energy.Error[0]}");
        Assert.Contains(result.Figures, f => f.Kind == FigureKind.Histogram);
    }

    [Theory]
    [InlineData(SkParameters.ParallelTempering)]
    [InlineData(SkParameters.Metropolis)]
    public void Run_N12_EnergyAndOverlapMatchExactEnumeration(string algorithm)
    {
        var result = Run(IsingModelTests.Spec(SkModel.Id, 8, ("N", 12), ("samples", 12), ("tMin", 0.5), ("tMax", 2.0), ("temperatures", 4),
            ("algorithm", algorithm), ("sweeps", 4000), ("warmup", 500)));
        var exact = result.Checks.Where(c => c.Name.Contains("exact enumeration")).ToList();
        Assert.Equal(8, exact.Count);
        Assert.True(result.AllChecksAgree, Failures(result));
    }

    [Fact]
    public void Example_ShowsTheSwapRates()
    {
        var result = ModelRunner.RunExample(new SkModel());
        Assert.Contains(result.Figures, f => f.Id == "swap-rates");
    }

    [Fact]
    public void Validate_BadInputs_NameTheirFields()
    {
        Assert.Contains(IsingModelTests.Errors(SkModel.Id, ("tMin", 2.0), ("tMax", 1.0)), e => e.Field == "tMax");
        Assert.Contains(IsingModelTests.Errors(SkModel.Id, ("N", 16384), ("sweeps", 1_000_000)), e => e.Field == "N" && e.Message.Contains("operations"));
    }

    [Fact]
    public void Replica_IncrementalFieldsAndEnergy_MatchRecomputationAndAllocateNothing()
    {
        const int n = 300;
        var couplings = SkCouplings.Sample(n, 4).Select(x => (float)x).ToArray();
        var replica = new SkReplica(couplings, n);
        var rng = new Rng(9);
        replica.Randomize(ref rng);
        for (var s = 0; s < 3; s++) replica.Sweep(1.5, ref rng);
        var before = GC.GetAllocatedBytesForCurrentThread();
        replica.Sweep(1.5, ref rng);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        var energy = replica.Energy;
        var fields = (float[])replica.Fields.Clone();
        replica.Refresh();
        Assert.Equal(replica.Energy, energy, 1e-3);
        for (var i = 0; i < n; i++) Assert.Equal(replica.Fields[i], fields[i], 1e-4f);
        var spins = replica.Spins.Select(x => (sbyte)x).ToArray();
        Assert.Equal(SkCouplings.Energy(SkCouplings.Sample(n, 4), n, spins), replica.Energy, 1e-3);
    }
}
