using System.Text.Json;
using Compute.EnergyModels.Hopfield;
using Compute.Numerics;
using Compute.Tests.EnergyModels.Ising;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests.EnergyModels.Hopfield;

public class HopfieldModelTests
{
    private static ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new HopfieldModel(), spec);

    private static string Failures(ResultDocument r) =>
        string.Join("; ", r.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}"));

    [Fact]
    public void Run_N2000_RetrievesBelowAndFailsAboveCapacity()
    {
        var result = Run(IsingModelTests.Spec(HopfieldModel.Id, 4, ("N", 2000), ("alphaMin", 0.1), ("alphaMax", 0.2), ("alphaPoints", 2), ("networks", 2), ("probes", 4)));
        var m = result.Series.Single(s => s.Name == "overlap");
        Assert.True(m.Y[0] > 0.9, $"m(0.1) = {m.Y[0]}");
        Assert.True(m.Y[1] < 0.5, $"m(0.2) = {m.Y[1]}");
        Assert.True(result.AllChecksAgree, Failures(result));
    }

    [Fact]
    public void Example_ChecksTheAgsRetrievalOverlap()
    {
        var result = ModelRunner.RunExample(new HopfieldModel());
        Assert.Contains(result.Checks, c => c.Name.StartsWith("retrieval overlap", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HopfieldParameters.DensePower, 3)]
    [InlineData(HopfieldParameters.DenseExp, 3)]
    public void Run_DenseMemory_StoresFarBeyondHebbianCapacity(string variant, int power)
    {
        // At α = 0.5 (3.6 α_c) a Hebbian memory of N = 200 retrieves nothing; the dense energies still do.
        var result = Run(IsingModelTests.Spec(HopfieldModel.Id, 2, ("N", 200), ("variant", variant), ("power", power), ("alphaMin", 0.5), ("alphaPoints", 1),
            ("networks", 2), ("probes", 4), ("maxSweeps", 20)));
        Assert.True(result.Series.Single(s => s.Name == "overlap").Y[0] > 0.95);
        Assert.True(result.AllChecksAgree, Failures(result));
    }

    [Fact]
    public void Run_DenseCubic_BitInstabilityScalesWithNSquared()
    {
        // F(x) = x³: capacity ∝ N² (Krotov & Hopfield 2016). At P = N²/6 the Gaussian signal-to-noise estimate
        // H(√(N²/(3P))) = H(√2) ≈ 0.079 is the same for every N; the measured rate must follow it at N = 40 and N = 80.
        foreach (var n in new[] { 40, 80 })
        {
            var alpha = n / 6.0;
            var result = Run(IsingModelTests.Spec(HopfieldModel.Id, 6, ("N", n), ("variant", HopfieldParameters.DensePower), ("power", 3), ("alphaMin", alpha),
                ("alphaPoints", 1), ("networks", 6), ("probes", 20), ("maxSweeps", 3)));
            var bits = result.Series.Single(s => s.Name == "bit_instability");
            var estimate = HopfieldTheory.DenseBitInstability(n, (int)Math.Round(alpha * n), 3);
            Assert.Equal(0.0786, estimate, 3);
            Assert.True(Math.Abs(bits.Y[0] - estimate) <= 3 * bits.Error![0] + 0.25 * estimate, $"N = {n}: {bits.Y[0]} ± {bits.Error[0]} vs {estimate}");
        }
    }

    [Fact]
    public void DensePower_WithPowerTwo_FlipsLikeHebbian()
    {
        // F(x) = x²/(2N): −Σ_μ F(m_μ) = −(1/2N)Σ_μ m_μ² = E_Hebb − P/2, so every ΔE agrees.
        const int n = 60, p = 7;
        var hebb = new HopfieldNetwork(n, p, HopfieldParameters.Hebbian, 2);
        var dense = new HopfieldNetwork(n, p, HopfieldParameters.DensePower, 2);
        var r1 = new Rng(5);
        var r2 = new Rng(5);
        hebb.StorePatterns(p, ref r1);
        dense.StorePatterns(p, ref r2);
        hebb.SetState(0, 0.3, ref r1);
        dense.SetState(0, 0.3, ref r2);
        for (var i = 0; i < n; i++) Assert.Equal(hebb.DeltaE(i), dense.DeltaE(i), 1e-9);
    }

    [Fact]
    public void Sweep_SteadyState_AllocatesNothing()
    {
        var network = new HopfieldNetwork(500, 50, HopfieldParameters.Hebbian, 2);
        var rng = new Rng(1);
        network.StorePatterns(50, ref rng);
        network.SetState(0, 0.2, ref rng);
        network.Sweep(2.0, ref rng);
        var before = GC.GetAllocatedBytesForCurrentThread();
        network.Sweep(2.0, ref rng);
        network.Sweep(double.PositiveInfinity, ref rng);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void FiniteTemperature_ChecksThatTheOverlapHasEquilibrated()
    {
        var spec = IsingModelTests.Spec(HopfieldModel.Id, 2, ("N", 400), ("alphaMin", 0.05), ("alphaMax", 0.05), ("alphaPoints", 1), ("networks", 2), ("probes", 5),
            ("temperature", 0.2), ("maxSweeps", 64));
        var check = Run(spec).Checks.Single(c => c.Name.StartsWith("m equilibrated", StringComparison.Ordinal));
        Assert.Equal(Verdict.Agrees, check.Verdict);
        Assert.InRange(check.Simulated, 0.8, 1.0);
    }

    [Fact]
    public void FiniteTemperature_TooFewSweepsToTell_IsLowStatistics()
    {
        var spec = IsingModelTests.Spec(HopfieldModel.Id, 2, ("N", 400), ("alphaMin", 0.05), ("alphaMax", 0.05), ("alphaPoints", 1), ("networks", 2), ("probes", 5),
            ("temperature", 0.2), ("maxSweeps", 10));
        var result = Run(spec);
        var check = result.Checks.Single(c => c.Name.StartsWith("m equilibrated", StringComparison.Ordinal));
        Assert.Equal(Verdict.LowStatistics, check.Verdict);
        Assert.Contains("maxSweeps", check.Advice);
        Assert.False(result.AllChecksAgree);
    }

    [Fact]
    public void Validate_BadInputs_NameTheirFields()
    {
        Assert.Contains(IsingModelTests.Errors(HopfieldModel.Id, ("alphaMin", 0.3), ("alphaMax", 0.1)), e => e.Field == "alphaMax");
        Assert.Contains(IsingModelTests.Errors(HopfieldModel.Id, ("N", 20000), ("alphaMax", 100.0), ("alphaPoints", 100), ("networks", 1000)), e => e.Field == "N");
    }
}
