using System.Text.Json;
using Compute.EnergyModels.Ising;
using Shared.Models;
using Shared.Results;
using Shared.Runs;

namespace Compute.Tests.EnergyModels.Ising;

public class IsingModelTests
{
    internal static RunSpec Spec(string id, long seed, params (string Name, object Value)[] overrides) =>
        Specs.Prepare(id, seed, overrides);

    internal static List<FieldError> Errors(string id, params (string Name, object Value)[] overrides) =>
        Specs.Errors(id, overrides);

    private static ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new IsingModel(), spec);

    [Theory]
    [InlineData(IsingParameters.Metropolis)]
    [InlineData(IsingParameters.HeatBath)]
    [InlineData(IsingParameters.Wolff)]
    public void Run_L8BothSidesOfCriticality_EnergyAndSpecificHeatMatchKaufman(string algorithm)
    {
        var result = Run(Spec(IsingModel.Id, 3, ("L", 8), ("betaMin", 0.3), ("betaMax", 0.6), ("betaPoints", 3), ("algorithm", algorithm), ("sweeps", 20000), ("warmup", 1000)));
        var energy = result.Series.Single(s => s.Name == "energy");
        Assert.Equal([0.3, 0.45, 0.6], energy.X, (a, b) => Math.Abs(a - b) < 1e-12);
        for (var i = 0; i < energy.X.Length; i++)
        {
            var exact = Kaufman.EnergyPerSite(8, 8, energy.X[i]);
            Assert.True(Math.Abs(energy.Y[i] - exact) <= 3 * energy.Error![i], $"{algorithm} β = {energy.X[i]}: e = {energy.Y[i]} ± {energy.Error[i]}, Kaufman {exact}");
        }
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference}")));
    }

    [Fact]
    public void Run_WolffAndMetropolis_AgreeWithinErrors()
    {
        Series Pick(string algorithm, string name) =>
            Run(Spec(IsingModel.Id, 9, ("L", 8), ("betaMin", 0.44), ("betaPoints", 1), ("algorithm", algorithm), ("sweeps", 20000), ("warmup", 1000)))
                .Series.Single(s => s.Name == name);
        foreach (var name in new[] { "energy", "abs_magnetization" })
        {
            var (w, m) = (Pick(IsingParameters.Wolff, name), Pick(IsingParameters.Metropolis, name));
            var sigma = Math.Sqrt(w.Error![0] * w.Error[0] + m.Error![0] * m.Error[0]);
            Assert.True(Math.Abs(w.Y[0] - m.Y[0]) <= 3 * sigma, $"{name}: Wolff {w.Y[0]} ± {w.Error[0]}, Metropolis {m.Y[0]} ± {m.Error[0]}");
        }
    }

    [Fact]
    public void Example_ShowsTheConfigurationAndMarksBetaC()
    {
        var result = ModelRunner.RunExample(new IsingModel());
        Assert.Contains(result.Figures, f => f.Kind == FigureKind.Heatmap);
        Assert.All(result.Figures.Where(f => f.Kind == FigureKind.XY), f => Assert.Single(f.Markers));
    }

    [Fact]
    public void Validate_BadInputs_NameTheirFields()
    {
        Assert.Contains(Errors(IsingModel.Id, ("L", 7)), e => e.Field == "L" && e.Message.Contains("even"));
        Assert.Empty(Errors(IsingModel.Id, ("L", 7), ("algorithm", IsingParameters.Wolff)));
        Assert.Contains(Errors(IsingModel.Id, ("betaMin", -0.2)), e => e.Field == "betaMin" && e.Message.Contains("negative temperature"));
        Assert.Contains(Errors(IsingModel.Id, ("betaMin", 0.5), ("betaMax", 0.4)), e => e.Field == "betaMax");
        Assert.Contains(Errors(IsingModel.Id, ("betaMin", 0.0)), e => e.Field == "betaMin" && e.Message.Contains("heat-bath"));
        Assert.Empty(Errors(IsingModel.Id, ("betaMin", 0.0), ("algorithm", IsingParameters.HeatBath)));
        Assert.Contains(Errors(IsingModel.Id, ("L", 8192), ("sweeps", 1_000_000)), e => e.Field == "L" && e.Message.Contains("operations"));
    }

    [Fact]
    public void Run_HeatBathAtInfiniteTemperature_MatchesExactMoments()
    {
        // β = 0: independent spins, e = 0 and c = 0 exactly; ⟨m²⟩ = 1/N so the Binder cumulant of L = 6 is
        // 1 − ⟨m⁴⟩/(3⟨m²⟩²) = 1 − (3N² − 2N)/(3N²) = 2/(3N).
        var result = Run(Spec(IsingModel.Id, 2, ("L", 6), ("betaMin", 0.0), ("betaPoints", 1), ("algorithm", IsingParameters.HeatBath), ("sweeps", 20000), ("warmup", 10)));
        var e = result.Series.Single(s => s.Name == "energy");
        Assert.True(Math.Abs(e.Y[0]) <= 3 * e.Error![0], $"e = {e.Y[0]} ± {e.Error[0]}");
        var u = result.Series.Single(s => s.Name == "binder");
        Assert.True(Math.Abs(u.Y[0] - 2.0 / (3 * 36)) <= 3 * u.Error![0] + 1e-3, $"U = {u.Y[0]} ± {u.Error[0]}");
        Assert.True(result.AllChecksAgree);
    }

    private sealed class Recorder : IProgress<RunProgress>
    {
        public List<RunProgress> Reports { get; } = [];
        public void Report(RunProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Run_ReportsProgressUpToCompletion()
    {
        var recorder = new Recorder();
        ModelRunner.Run(new IsingModel(), Spec(IsingModel.Id, 1, ("L", 8), ("betaPoints", 3), ("sweeps", 200), ("warmup", 10)), progress: recorder);
        Assert.True(recorder.Reports.Count >= 3);
        Assert.Equal(1.0, recorder.Reports[^1].Fraction, 12);
        Assert.All(recorder.Reports, r => Assert.InRange(r.Fraction, 0, 1));
        Assert.Contains("β =", recorder.Reports[0].Stage);
    }
}
