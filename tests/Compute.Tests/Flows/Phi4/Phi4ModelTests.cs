using System.Text.Json;
using Compute.Flows.Phi4;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests.Flows.Phi4;

public class Phi4ModelTests
{
    private static RunSpec Spec(long seed, params (string Name, object Value)[] overrides)
    {
        var errors = new List<FieldError>();
        var spec = ModelRegistry.Prepare(Phi4Model.Id, Supplied(overrides), seed, RunLimits.Default, errors);
        Assert.Empty(errors);
        return spec!;
    }

    private static Dictionary<string, JsonElement> Supplied((string Name, object Value)[] overrides) =>
        overrides.ToDictionary(o => o.Name, o => JsonSerializer.SerializeToElement(o.Value));

    private static List<FieldError> Errors(params (string Name, object Value)[] overrides)
    {
        var errors = new List<FieldError>();
        ModelRegistry.Prepare(Phi4Model.Id, Supplied(overrides), 1, RunLimits.Default, errors);
        return errors;
    }

    private static ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new Phi4Model(), spec);

    private static readonly (string, object)[] FreeField =
    [
        ("L", 4L), ("m2", 1.0), ("lambda", 0.0), ("couplings", 4L), ("hiddenChannels", 4L), ("steps", 150L),
        ("batch", 64L), ("learningRate", 3e-3), ("samples", 16384L), ("baselineSweeps", 20000L),
    ];

    [Fact]
    public void Run_FreeField_LogZMatchesExactAndBoundHolds()
    {
        var result = Run(Spec(5, FreeField));
        var exact = Phi4Action.FreeFieldLogZ(4, 1.0);
        var lnZ = result.Metrics.Single(m => m.Name == "lnZ_nis");
        Assert.True(Math.Abs(lnZ.Value - exact) <= 3 * lnZ.Error!.Value, $"ln Z = {lnZ.Value} ± {lnZ.Error}, exact {exact}");
        Assert.True(lnZ.Error < 0.05, $"ln Z error {lnZ.Error} too large for a meaningful check");
        var loss = result.Metrics.Single(m => m.Name == "loss_final");
        Assert.True(loss.Value + 3 * loss.Error!.Value >= -exact, $"variational bound violated: {loss.Value} < {-exact}");
        Assert.Contains(result.Checks, c => c.Name.StartsWith("ln Z") && c.Agrees);
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}")));
    }

    [Fact]
    public void Example_RunsAndAllChecksAgree()
    {
        var type = new Phi4Model();
        var errors = new List<FieldError>();
        var spec = ModelRegistry.Prepare(Phi4Model.Id, ModelRegistry.ExampleParameters(type), 3, RunLimits.Default, errors);
        Assert.Empty(errors);
        var result = Run(spec!);
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}")));
        // NMCMC and the baseline agree on ⟨|M|⟩/V (the interacting theory has no exact value to compare against).
        var nmcmc = result.Metrics.Single(m => m.Name == "absM_nmcmc");
        var local = result.Metrics.Single(m => m.Name == "absM_baseline");
        Assert.True(Math.Abs(nmcmc.Value - local.Value) <= 3 * Math.Sqrt(nmcmc.Error!.Value * nmcmc.Error.Value + local.Error!.Value * local.Error.Value));
        var ess = result.Metrics.Single(m => m.Name == "ess").Value;
        Assert.InRange(ess, 1e-6, 1.0);
        Assert.Equal(5, result.Figures.Count);
        Assert.Equal(Verdict.Agrees, result.Checks.Single(c => c.Name.StartsWith("baseline Metropolis equilibrated", StringComparison.Ordinal)).Verdict);
    }

    [Fact]
    public void Run_HoppingConvention_StatesMappedParameters()
    {
        var result = Run(Spec(1, ("convention", "hopping"), ("kappa", 0.25), ("lambdaHopping", 0.02), ("L", 4L), ("couplings", 2L),
            ("hiddenChannels", 2L), ("steps", 5L), ("batch", 16L), ("samples", 256L), ("baselineSweeps", 300L), ("conditioner", "mlp"), ("width", 8L)));
        Assert.Equal((1 - 2 * 0.02) / 0.25 - 4, result.Metrics.Single(m => m.Name == "m2_used").Value, 12);
        Assert.Equal(0.02 / (0.25 * 0.25), result.Metrics.Single(m => m.Name == "lambda_used").Value, 12);
        Assert.Contains("hopping", result.Conventions);
    }

    [Fact]
    public void LossFigure_AnUntrainedStartFarAboveTheRest_IsLeftOutOfTheAxisRange_AndTheCaptionSaysSo()
    {
        var x = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var y = x.Select(s => s <= 3 ? 2500.0 / s : -5.8 + 1 / s).ToArray();
        var figure = Phi4Report.LossFigure(new Series("loss", "step", "loss", x, y), exactLogZ: null, nisLogZ: 8.9);
        Assert.InRange(figure.YAxis.Max!.Value, -5.8 + 1.0 / 6, -5.0);
        Assert.InRange(figure.YAxis.Min!.Value, -9.5, -8.9);
        Assert.Contains("loss up to 2500", figure.Caption);

        // A loss that starts near where it ends keeps Plotly's own range.
        var calm = Phi4Report.LossFigure(new Series("loss", "step", "loss", x, x.Select(s => -5.8 + 1 / s).ToArray()), null, null);
        Assert.Null(calm.YAxis.Max);
        Assert.DoesNotContain("range shown", calm.Caption);
    }

    [Fact]
    public void Run_LongTraining_KeepsEvenlySpacedCurvesAndUprightSampleImages()
    {
        var result = Run(Spec(1, ("L", 4L), ("couplings", 2L), ("hiddenChannels", 2L), ("steps", 5000L), ("batch", 8L), ("samples", 256L),
            ("baselineSweeps", 300L), ("conditioner", "mlp"), ("width", 4L)));
        var loss = result.Series.Single(s => s.Name == "loss");
        var ess = result.Series.Single(s => s.Name == "ess_batch");
        // Beyond the recorder's capacity every second step is kept: steps 1, 3, 5, … up to 4999.
        Assert.Equal(2500, loss.X.Length);
        Assert.Equal([1.0, 3.0, 5.0], loss.X[..3]);
        Assert.Equal(4999.0, loss.X[^1]);
        Assert.Equal(loss.X, ess.X);
        Assert.Equal(loss.X, result.Figures.Single(f => f.Id == "training-loss").Traces[0].X);

        var samples = result.Figures.Single(f => f.Id == "samples");
        Assert.Equal(FigureKind.ImageGrid, samples.Kind);
        Assert.Equal(4, samples.Columns);
        Assert.StartsWith("flow sample", samples.Traces[0].Name);
        Assert.StartsWith("Metropolis configuration", samples.Traces[4].Name);
        Assert.All(samples.Traces, t => Assert.Equal(4, t.Z!.Length));
    }

    [Fact]
    public void DefaultParameters_UnevenWeightsAndASlowChain_AreWarnings_NeverAllGreen()
    {
        // The defaults (8×8, m² = −4, λ = 8, 1000 steps) give ESS ≈ 0.03 and an NMCMC τ_int(|M|) ≈ 33 proposals
        // against ≈ 5.6 sweeps of local Metropolis, while the physics comparisons pass.
        var result = Run(Spec(1));
        Assert.Equal(Verdict.LowStatistics, result.Checks.Single(c => c.Name.StartsWith("NIS weights even enough", StringComparison.Ordinal)).Verdict);
        var slow = result.Checks.Single(c => c.Name.StartsWith("NMCMC decorrelates", StringComparison.Ordinal));
        Assert.Equal(Verdict.NotConverged, slow.Verdict);
        Assert.True(slow.Simulated > 3 * slow.Reference, $"τ_int {slow.Simulated} vs {slow.Reference}");
        Assert.True(result.Checks.Single(c => c.Name.StartsWith("⟨|M|⟩/V: NMCMC vs local", StringComparison.Ordinal)).Agrees);
        Assert.False(result.AllChecksAgree);
    }

    [Fact]
    public void Prepare_OddL_NamesL() =>
        Assert.Contains(Errors(("L", 7L)), e => e.Field == "L" && e.Message.Contains("even"));

    [Fact]
    public void Prepare_FreeFieldWithoutMass_NamesM2()
    {
        Assert.Contains(Errors(("lambda", 0.0), ("m2", -1.0)), e => e.Field == "m2" && e.Message.Contains("m² > 0"));
        Assert.Contains(Errors(("lambda", 0.0), ("m2", 0.0)), e => e.Field == "m2");
        // Hopping form with λ_h = 0 and 1/κ − 4 ≤ 0 is the same unbounded case.
        Assert.Contains(Errors(("convention", "hopping"), ("lambdaHopping", 0.0), ("kappa", 0.3)), e => e.Field == "kappa");
    }

    [Fact]
    public void Prepare_BatchOrWidthBeyondSchema_NamesField()
    {
        Assert.Contains(Errors(("batch", 100_000L)), e => e.Field == "batch");
        Assert.Contains(Errors(("conditioner", "mlp"), ("width", 5000L)), e => e.Field == "width");
        // The width belongs to the mlp conditioner: with the conv one it is neither checked nor kept.
        Assert.DoesNotContain(Errors(("conditioner", "conv"), ("width", 5000L)), e => e.Field == "width");
    }

    [Fact]
    public void Prepare_AbsurdWork_NamesBatchAndLimit()
    {
        var errors = Errors(("L", 32L), ("batch", 4096L), ("steps", 200_000L), ("couplings", 64L), ("hiddenChannels", 64L));
        Assert.Contains(errors, e => e.Field == "batch" && e.Message.Contains("limit"));
    }
}
