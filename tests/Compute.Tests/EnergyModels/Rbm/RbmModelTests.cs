using System.Text.Json;
using Compute.EnergyModels.Rbm;
using Shared.Models;
using Shared.Runs;

namespace Compute.Tests.EnergyModels.Rbm;

public class RbmModelTests
{
    internal static RunSpec Spec(long seed, params (string Name, object Value)[] overrides)
    {
        var supplied = overrides.ToDictionary(o => o.Name, o => JsonSerializer.SerializeToElement(o.Value));
        var errors = new List<FieldError>();
        var spec = ModelRegistry.Prepare(RbmModel.Id, supplied, seed, RunLimits.Default, errors);
        Assert.Empty(errors);
        return spec!;
    }

    private static RunSpec ExampleSpec(long seed) =>
        Spec(seed, new RbmModel().Example.Select(kv => (kv.Key, kv.Value)).ToArray());

    internal static Shared.Results.ResultDocument Run(RunSpec spec) =>
        new RbmModel().Run(spec, new Progress<RunProgress>(), TestContext.Current.CancellationToken);

    [Fact]
    public void Example_BarsAndStripes_ImprovesExactLikelihoodTowardOptimum()
    {
        var result = Run(ExampleSpec(1));
        TestContext.Current.TestOutputHelper?.WriteLine(result.Summary);
        foreach (var c in result.Checks) TestContext.Current.TestOutputHelper?.WriteLine($"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference} {c.Agrees}");
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => c.Name)));
        var ll = result.Series.Single(s => s.Name == "log_likelihood");
        var optimum = -Math.Log(30);
        Assert.Equal(-3.401197, optimum, 6);
        // Start: near-independent units, ≈ 16 ln 2 − small; end: within a few nats of −ln 30 and never above it.
        Assert.True(ll.Y[0] < -10, $"initial ℓ = {ll.Y[0]}");
        Assert.True(ll.Y[^1] > -6.5, $"final ℓ = {ll.Y[^1]}");
        Assert.True(ll.Y[^1] <= optimum + 1e-9);
        Assert.Contains(result.Checks, c => c.Name.StartsWith("ln Z: AIS vs exact", StringComparison.Ordinal));
        Assert.Contains(result.Checks, c => c.Name.StartsWith("ln Z: visible vs hidden", StringComparison.Ordinal));
    }
}
