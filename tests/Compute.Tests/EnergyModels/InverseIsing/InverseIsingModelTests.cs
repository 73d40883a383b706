using System.Text.Json;
using Compute.EnergyModels.InverseIsing;
using Shared.Models;
using Shared.Runs;

namespace Compute.Tests.EnergyModels.InverseIsing;

public class InverseIsingModelTests
{
    private static RunSpec Spec(long seed, params (string Name, object Value)[] overrides) =>
        Specs.Prepare(InverseIsingModel.Id, seed, overrides);

    private static Shared.Results.ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new InverseIsingModel(), spec);

    [Fact]
    public void Example_ComparesMaximumLikelihoodWithCramerRao()
    {
        var result = ModelRunner.RunExample(new InverseIsingModel());
        Assert.Contains(result.Checks, c => c.Name.StartsWith("ML squared error vs Cramér-Rao", StringComparison.Ordinal));
        Assert.Contains(result.Figures.Single(f => f.Id == "error-vs-samples").Traces, t => t.Role == Shared.Results.TraceRole.Theory);
    }

    [Fact]
    public void Run_LargeNWithGibbsSamples_PlmBeatsMeanFieldAtStrongCoupling()
    {
        var result = Run(Spec(2, ("N", 20L), ("couplings", "sparse"), ("beta", 1.2), ("samples", 4000L), ("sizePoints", 3L), ("sweeps", 2L)));
        var plm = result.Metrics.Single(m => m.Name == "error_plm").Value;
        var nmf = result.Metrics.Single(m => m.Name == "error_nmf").Value;
        Assert.True(plm < nmf, $"PLM {plm} vs nMF {nmf}");
        Assert.DoesNotContain(result.Metrics, m => m.Name == "error_ml");
    }

    [Fact]
    public void Validate_TooManySizePoints_NamesSizePoints()
    {
        var errors = new List<FieldError>();
        var supplied = new Dictionary<string, JsonElement> { ["samples"] = JsonSerializer.SerializeToElement(1000), ["sizePoints"] = JsonSerializer.SerializeToElement(8) };
        Assert.Null(ModelRegistry.Prepare(InverseIsingModel.Id, supplied, 1, RunLimits.Default, errors));
        Assert.Equal("sizePoints", Assert.Single(errors).Field);
    }

    [Fact]
    public void Run_UploadedMissing_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Run(Spec(1, ("source", "uploaded"))));
        Assert.Contains("no uploaded data set was attached", ex.Message);
    }

    [Fact]
    public void Run_UploadedSpins_InfersAndChecksConvergence()
    {
        var model = InverseIsingModel.TrueModel(new InverseIsingParameters("generated", 6, "sk", 0.8, 0.2, 1000, 2, 10, 0), 9);
        var spins = IsingEnumeration.Sample(model, 3000, 9, TestContext.Current.CancellationToken);
        var text = string.Join("\n", Enumerable.Range(0, 3000).Select(r => string.Join(" ", spins.AsSpan(r * 6, 6).ToArray().Select(s => s > 0 ? "+1" : "-1"))));
        var errors = new List<FieldError>();
        var data = Compute.EnergyModels.Data.BinaryDataParser.Parse(text, 10_000, 100, errors)!;
        Assert.Empty(errors);
        var spec = Spec(1, ("source", "uploaded"));
        Assert.Empty(new InverseIsingModel().ValidateDataset(spec.Parameters, data, RunLimits.Default));
        var result = Run(spec with { Datasets = new Dictionary<string, BinaryMatrix> { ["source"] = data } });
        Assert.True(result.AllChecksAgree);
        // The uploaded spins reproduce the generating couplings (no truth is given to the run).
        var plm = result.Series.Single(s => s.Name == "couplings_plm").Y;
        var truth = model.UpperCouplings();
        for (var k = 0; k < truth.Length; k++) Assert.Equal(truth[k], plm[k], 0.12);
    }

    [Fact]
    public void ValidateDataset_TooManyColumns_NamesFile()
    {
        var spec = Spec(1, ("source", "uploaded"));
        var e = Assert.Single(new InverseIsingModel().ValidateDataset(spec.Parameters, new BinaryMatrix(100, 80, new byte[8000]), RunLimits.Default));
        Assert.Equal("file", e.Field);
    }
}
