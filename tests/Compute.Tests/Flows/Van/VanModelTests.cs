using System.Text.Json;
using Compute.Flows.Van;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests.Flows.Van;

public class VanModelTests
{
    private static RunSpec Spec(long seed, IReadOnlyDictionary<string, object> overrides)
    {
        var supplied = overrides.ToDictionary(o => o.Key, o => JsonSerializer.SerializeToElement(o.Value));
        var errors = new List<FieldError>();
        var spec = ModelRegistry.Prepare(VanModel.Id, supplied, seed, RunLimits.Default, errors);
        Assert.Empty(errors);
        return spec!;
    }

    private static RunSpec Spec(long seed, params (string Name, object Value)[] overrides) =>
        Spec(seed, overrides.ToDictionary(o => o.Name, o => o.Value));

    private static ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new VanModel(), spec);

    private static double Metric(ResultDocument r, string name) => r.Metrics.Single(m => m.Name == name).Value;

    [Fact]
    public void Run_Example_Ising4x4AtBeta03_WithinOnePercentOfKaufman()
    {
        var model = new VanModel();
        var result = Run(Spec(1, model.Example));
        var fq = result.Metrics.Single(m => m.Name == "free_energy_q");
        var exact = Metric(result, "free_energy_exact");
        // Kaufman, 4×4 torus at β = 0.3: F/N = −ln Z/(16β).
        Assert.Equal(-Compute.EnergyModels.Ising.Kaufman.LogPartitionFunction(4, 4, 0.3) / (16 * 0.3), exact, 12);
        Assert.True(Math.Abs(fq.Value - exact) / Math.Abs(exact) <= 0.01, $"F_q/N = {fq.Value} ± {fq.Error}, exact {exact}");
        Assert.True(fq.Value >= exact - 3 * fq.Error!.Value, $"bound violated: F_q/N = {fq.Value} ± {fq.Error}, exact {exact}");
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}")));
        Assert.True(Metric(result, "ess") > 0.9);
    }

    [Theory]
    [InlineData("sk", 12L, 1.0)]
    [InlineData("hopfield", 14L, 1.5)]
    public void Run_DisorderedTargets_RespectBoundAndMatchEnumeration(string target, long n, double beta)
    {
        var result = Run(Spec(3, ("target", target), ("N", n), ("patterns", 2L), ("beta", beta), ("steps", 200L),
            ("batch", 256L), ("learningRate", 0.01), ("evaluationBatches", 10L)));
        var fq = result.Metrics.Single(m => m.Name == "free_energy_q");
        var exact = Metric(result, "free_energy_exact");
        Assert.True(fq.Value >= exact - 3 * fq.Error!.Value, $"F_q/N = {fq.Value} ± {fq.Error}, exact {exact}");
        Assert.True(result.Checks.Single(c => c.Name.StartsWith("Variational bound")).Agrees);
        var nis = result.Checks.Single(c => c.Name == "NIS free energy per spin");
        Assert.True(nis.Agrees, $"NIS F/N = {nis.Simulated} ± {nis.Error}, exact {nis.Reference}");
        Assert.Contains(target == "sk" ? "SK" : "Hopfield", result.Summary);
    }

    [Fact]
    public void UndertrainedNearCriticality_UnevenWeights_IsLowStatisticsAndNotConverged_NeverAllGreen()
    {
        // 20 steps at β = 0.6: F_q is 41 % above F and the normalized ESS is ~3·10⁻⁴, yet the reweighted estimates land near the exact values.
        var result = Run(Spec(1, ("beta", 0.6), ("steps", 20L)));
        var ess = result.Checks.Single(c => c.Name.StartsWith("NIS weights even enough", StringComparison.Ordinal));
        Assert.Equal(Verdict.LowStatistics, ess.Verdict);
        Assert.True(ess.Simulated < 0.01);
        Assert.Equal(Verdict.NotConverged, result.Checks.Single(c => c.Name.StartsWith("F_q within 1 %", StringComparison.Ordinal)).Verdict);
        Assert.False(result.AllChecksAgree);
    }

    [Fact]
    public void Run_Example_HasTheDocumentedFigures()
    {
        var result = Run(Spec(2, ("L", 3L), ("steps", 10L), ("batch", 32L), ("evaluationBatches", 2L)));
        Assert.Equal(["free-energy", "ess", "samples", "energy-histogram"], result.Figures.Select(f => f.Id));
        var exactLine = result.Figures[0].Traces.Single(t => t.Role == Shared.Results.TraceRole.Exact);
        Assert.Equal(-Compute.EnergyModels.Ising.Kaufman.LogPartitionFunction(3, 3, 0.3) / (9 * 0.3), exactLine.Y[0], 12);
        // 16 samples, each one 3×3 lattice of ±1 spins, four per row.
        var samples = result.Figures[2];
        Assert.Equal(Shared.Results.FigureKind.ImageGrid, samples.Kind);
        Assert.Equal(4, samples.Columns);
        Assert.Equal(16, samples.Traces.Count);
        Assert.All(samples.Traces, t => Assert.All(t.Z!, row => Assert.All(row, s => Assert.True(s is 1 or -1))));
        Assert.All(samples.Traces, t => Assert.Equal(3, t.Z!.Length));
        var histogram = result.Figures[3].Traces;
        foreach (var trace in histogram)
        {
            var width = trace.X[1] - trace.X[0];
            Assert.Equal(1.0, trace.Y.Sum() * width, 9);
        }
    }

    [Theory]
    [InlineData("L", 20L, "at most 16")]
    [InlineData("beta", 0.0, "positive")]
    [InlineData("batch", 100000L, "at most 4096")]
    [InlineData("width", 9L, "at most 8")]
    public void Prepare_BadInput_NamesFieldAndWhy(string field, object value, string expected)
    {
        var errors = new List<FieldError>();
        var spec = ModelRegistry.Prepare(VanModel.Id, new Dictionary<string, JsonElement> { [field] = JsonSerializer.SerializeToElement(value) }, 1, RunLimits.Default, errors);
        Assert.Null(spec);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Prepare_SkAbove20SpinsWithExactReference_ExplainsEnumeration()
    {
        var errors = new List<FieldError>();
        var parameters = new Dictionary<string, JsonElement>
        {
            ["target"] = JsonSerializer.SerializeToElement("sk"), ["N"] = JsonSerializer.SerializeToElement(30),
        };
        Assert.Null(ModelRegistry.Prepare(VanModel.Id, parameters, 1, RunLimits.Default, errors));
        var error = Assert.Single(errors);
        Assert.Equal("N", error.Field);
        Assert.Contains("2^N", error.Message);
        errors.Clear();
        parameters["exact"] = JsonSerializer.SerializeToElement(false);
        Assert.NotNull(ModelRegistry.Prepare(VanModel.Id, parameters, 1, RunLimits.Default, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Prepare_WorkBeyondLimits_NamesBatch()
    {
        var errors = new List<FieldError>();
        var parameters = new Dictionary<string, JsonElement>
        {
            ["L"] = JsonSerializer.SerializeToElement(16), ["width"] = JsonSerializer.SerializeToElement(8),
            ["depth"] = JsonSerializer.SerializeToElement(4), ["batch"] = JsonSerializer.SerializeToElement(4096),
            ["steps"] = JsonSerializer.SerializeToElement(100000),
        };
        Assert.Null(ModelRegistry.Prepare(VanModel.Id, parameters, 1, RunLimits.Default, errors));
        Assert.Contains(errors, e => e.Field == "batch" && e.Message.Contains("operations"));
    }

    [Fact]
    public void Run_PixelCnnOnIsing4x4_WithinOnePercentOfKaufman()
    {
        var result = Run(Spec(5, ("network", "pixelcnn"), ("L", 4L), ("beta", 0.3), ("depth", 2L), ("channels", 4L), ("kernel", 2L),
            ("steps", 150L), ("batch", 128L), ("learningRate", 0.01), ("evaluationBatches", 10L)));
        var fq = result.Metrics.Single(m => m.Name == "free_energy_q");
        var exact = Metric(result, "free_energy_exact");
        Assert.True(Math.Abs(fq.Value - exact) / Math.Abs(exact) <= 0.01, $"F_q/N = {fq.Value} ± {fq.Error}, exact {exact}");
        Assert.True(result.Checks.Single(c => c.Name.StartsWith("Variational bound")).Agrees);
        Assert.Contains("PixelCNN", result.Summary);
    }

    [Fact]
    public void Prepare_PixelCnnOnSk_ExplainsItNeedsTheLattice()
    {
        var errors = new List<FieldError>();
        var parameters = new Dictionary<string, JsonElement>
        {
            ["target"] = JsonSerializer.SerializeToElement("sk"), ["network"] = JsonSerializer.SerializeToElement("pixelcnn"),
        };
        Assert.Null(ModelRegistry.Prepare(VanModel.Id, parameters, 1, RunLimits.Default, errors));
        var error = Assert.Single(errors);
        Assert.Equal("network", error.Field);
        Assert.Contains("lattice", error.Message);
    }

    [Fact]
    public void Run_TargetTurningNaN_ThrowsRunFailedNamingStepWithPartialCurves()
    {
        var p = VanParameters.From(Spec(9, ("L", 3L), ("steps", 10L), ("batch", 16L)).Parameters);
        var problem = new VanProblem(new NaNFromCall(9, 4), "test target", null, null, "");
        using var context = RunContext.Serial(TestContext.Current.CancellationToken);
        var failure = Assert.Throws<RunFailedException>(() => VanModel.Run(p, problem, 9, context));
        Assert.Contains("step 4", failure.Message);
        Assert.NotNull(failure.Partial);
        Assert.Equal([1.0, 2.0, 3.0], failure.Partial!.Series.Single(s => s.Name == "free_energy_q").X);
        Assert.Contains("failed", failure.Partial.Summary);
    }

    /// <summary>Ising-like energies that turn NaN from call <paramref name="failAt"/> on.</summary>
    private sealed class NaNFromCall(int spins, int failAt) : IVanTarget
    {
        private int _calls;
        public int Spins => spins;

        public void Energies(ReadOnlySpan<float> s, Span<double> energies, int batch)
        {
            _calls++;
            for (var r = 0; r < batch; r++) energies[r] = _calls >= failAt ? double.NaN : s[r * spins];
        }
    }
}
