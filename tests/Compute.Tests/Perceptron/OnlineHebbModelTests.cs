using System.Text.Json;
using Compute.Perceptron;
using Shared.Models;
using Shared.Runs;

namespace Compute.Tests.Perceptron;

public class OnlineHebbModelTests
{
    private static RunSpec Spec(long seed, params (string Name, object Value)[] overrides) =>
        Specs.Prepare(OnlineHebbModel.Id, seed, overrides);

    private static Shared.Results.ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new OnlineHebbModel(), spec);

    [Fact]
    public void Run_ModerateN_AgreesWithExactCurveWithinErrorBars()
    {
        var result = Run(Spec(7, ("N", 400), ("alphaMax", 8.0), ("checkpoints", 4), ("samples", 12), ("testSize", 4000)));
        var eps = result.Series.Single(s => s.Name == "epsilon");
        for (var i = 0; i < eps.X.Length; i++)
        {
            var exact = HebbTheory.GeneralizationError(eps.X[i]);
            Assert.True(Math.Abs(eps.Y[i] - exact) <= 3 * eps.Error![i] + 1e-3,
                $"α = {eps.X[i]}: ε = {eps.Y[i]} ± {eps.Error[i]}, exact {exact}");
        }
        var r = result.Series.Single(s => s.Name == "R");
        for (var i = 0; i < r.X.Length; i++)
            Assert.True(Math.Abs(r.Y[i] - HebbTheory.Overlap(r.X[i])) <= 3 * r.Error![i] + 1e-3);
        Assert.True(result.AllChecksAgree);
    }

    [Fact]
    public void Theory_KnownValues() =>
        // SCIENCE.md 1.1: ε_Hebb(1) = 0.285634, ε_Hebb(10) = 0.120111.
        Assert.Multiple(
            () => Assert.Equal(0.285634, HebbTheory.GeneralizationError(1), 6),
            () => Assert.Equal(0.120111, HebbTheory.GeneralizationError(10), 6));

    [Fact]
    public void Prepare_AbsurdSize_NamesFieldAndLimit()
    {
        var errors = new List<FieldError>();
        var spec = ModelRegistry.Prepare(OnlineHebbModel.Id, new Dictionary<string, JsonElement> { ["N"] = JsonSerializer.SerializeToElement(1_000_000_000) }, 1, RunLimits.Default, errors);
        Assert.Null(spec);
        var error = Assert.Single(errors);
        Assert.Equal("N", error.Field);
        Assert.Contains("at most 100000", error.Message);
    }
}
