using Compute.EnergyModels.Ising;
using Shared.Results;

namespace Compute.Tests.EnergyModels.Ising;

/// <summary>The equilibration diagnostic of <c>ebm.ising</c>: the two halves of the measured energy must agree.</summary>
public class IsingEquilibrationTests
{
    private static readonly IsingModel Model = new();

    private static ResultDocument Run(double beta, params (string, object)[] more) =>
        ModelRunner.Run(Model, ModelRunner.Spec(Model, 3, [("L", 128), ("betaMin", beta), ("betaPoints", 1), ("warmup", 0), ("sweeps", 100), .. more]));

    [Fact]
    public void NoWarmupFromAHotStart_DriftingEnergy_IsNotEquilibratedNotADisagreement()
    {
        var result = Run(0.4);
        var equilibration = result.Checks.Single(c => c.Name.StartsWith("e equilibrated", StringComparison.Ordinal));
        Assert.Equal(Verdict.NotEquilibrated, equilibration.Verdict);
        // From a random start the energy falls: the first half lies above the second.
        Assert.True(equilibration.Reference > equilibration.Simulated);
        Assert.Contains("increase the warm-up", equilibration.Advice);
        Assert.DoesNotContain(result.Checks, c => c.Verdict == Verdict.Disagrees);
        Assert.False(result.AllChecksAgree);
    }

    [Fact]
    public void NoWarmupNearCriticality_EnergyOffKaufmanWhileApproachingIt_IsNotEquilibrated()
    {
        var result = Run(0.43);
        var energy = result.Checks.Single(c => c.Name.StartsWith("energy per site", StringComparison.Ordinal));
        Assert.True(Math.Abs(energy.Deviation) > 3 * energy.Error, $"{energy.Simulated} ± {energy.Error} vs {energy.Reference}");
        Assert.Equal(Verdict.NotEquilibrated, energy.Verdict);
    }

    [Fact]
    public void UntilEquilibrated_MeasuresAgainUntilTheHalvesAgree()
    {
        var result = Run(0.4, ("untilEquilibrated", true));
        Assert.True(result.Metrics.Single(m => m.Name == "measurement_rounds_max").Value > 1);
        Assert.Equal(Verdict.Agrees, result.Checks.Single(c => c.Name.StartsWith("e equilibrated", StringComparison.Ordinal)).Verdict);
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Select(c => $"{c.Name}: {c.Verdict}")));
    }
}
