using Shared.Results;
using System.Text.Json;
using Compute.EnergyModels.Rbm;
using Shared.Models;
using Shared.Runs;

namespace Compute.Tests.EnergyModels.Rbm;

public class RbmModelTests
{
    internal static RunSpec Spec(long seed, params (string Name, object Value)[] overrides) =>
        Specs.Prepare(RbmModel.Id, seed, overrides);

    private static RunSpec ExampleSpec(long seed) =>
        Spec(seed, new RbmModel().Example.Select(kv => (kv.Key, kv.Value)).ToArray());

    internal static Shared.Results.ResultDocument Run(RunSpec spec) =>
        ModelRunner.Run(new RbmModel(), spec);

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
        // Start: independent units with data biases (≈ −11.1); end: within about half a nat of −ln 30, never above it.
        Assert.True(ll.Y[0] < -10, $"initial ℓ = {ll.Y[0]}");
        Assert.True(ll.Y[^1] > -4.6, $"final ℓ = {ll.Y[^1]} (gap to −ln 30 above 1.2 nats)");
        Assert.True(ll.Y[^1] <= optimum + 1e-9);
        Assert.Contains(result.Checks, c => c.Name.StartsWith("ln Z: AIS vs exact", StringComparison.Ordinal));
        Assert.Contains(result.Checks, c => c.Name.StartsWith("ln Z: visible vs hidden", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_SpinUnitsTeacherDataWithAis_AisAgreesWithExact()
    {
        var result = Run(Spec(3, ("dataset", "teacher-rbm"), ("visible", 12L), ("teacherHidden", 4L), ("samples", 400L), ("units", "spin"), ("hidden", 8L),
            ("likelihood", "ais"), ("epochs", 20L), ("checkpoints", 4L), ("learningRate", 0.05), ("aisChains", 64L), ("aisSteps", 1500L), ("sampleSteps", 50L)));
        var ais = Assert.Single(result.Checks, c => c.Name == "ln Z: AIS vs exact");
        Assert.True(ais.Agrees, $"{ais.Simulated} ± {ais.Error} vs {ais.Reference}");
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} vs {c.Reference}")));
        Assert.NotNull(result.Series.Single(s => s.Name == "log_likelihood").Error);
        Assert.Contains("{−1, +1}", result.Conventions);
    }

    [Fact]
    public void Run_IsingData_MatchesKaufmanEnergy()
    {
        var result = Run(Spec(5, ("dataset", "ising"), ("side", 4L), ("beta", 0.3), ("samples", 1000L), ("hidden", 8L), ("epochs", 3L), ("checkpoints", 1L),
            ("aisSteps", 100L), ("sampleSteps", 20L)));
        var check = Assert.Single(result.Checks, c => c.Name.StartsWith("Ising training data", StringComparison.Ordinal));
        Assert.True(check.Agrees, $"{check.Simulated} ± {check.Error} vs {check.Reference}");
        Assert.Contains(result.Metrics, m => m.Name == "ising_energy_rbm");
    }

    [Fact]
    public void Run_ImageGrids_HoldOneTracePerImage_WithoutPadding()
    {
        var result = Run(Spec(2, ("side", 3L), ("samples", 14L), ("hidden", 4L), ("epochs", 2L), ("batchSize", 7L), ("checkpoints", 1L), ("sampleChains", 4L), ("sampleSteps", 5L)));
        var filters = result.Figures.Single(f => f.Id == "filters");
        Assert.Equal(FigureKind.ImageGrid, filters.Kind);
        Assert.Equal(["hidden unit 1", "hidden unit 2", "hidden unit 3", "hidden unit 4"], filters.Traces.Select(t => t.Name));
        Assert.All(filters.Traces, t =>
        {
            Assert.Equal(3, t.Z!.Length);
            Assert.All(t.Z, row => Assert.Equal(3, row.Length));
            Assert.All(t.Z.SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
        });
        var samples = result.Figures.Single(f => f.Id == "samples");
        Assert.All(samples.Traces.SelectMany(t => t.Z!).SelectMany(r => r), v => Assert.True(v is 0 or 1));
    }

    [Fact]
    public void ImageGrid_LongThinImage_CutsTheLastRowShortWithBlanks()
    {
        Assert.Equal((2, 3), ImageGrid.Shape(6));
        Assert.Equal((4, 5), ImageGrid.Shape(17));
        var trace = Assert.Single(ImageGrid.Images(Enumerable.Range(0, 17).Select(i => (float)i).ToArray(), 1, 17, _ => "x"));
        Assert.Equal([0, 1, 2, 3, 4], trace.Z![0]);
        Assert.Equal(15, trace.Z[3][0]);
        Assert.True(double.IsNaN(trace.Z[3][2]));
    }

    [Fact]
    public void Validate_ExactLikelihoodWithLargeLayers_NamesLikelihood()
    {
        var errors = Errors(("dataset", "noisy-prototypes"), ("visible", 64L), ("hidden", 32L), ("likelihood", "exact"));
        var e = Assert.Single(errors, e => e.Field == "likelihood");
        Assert.Equal("likelihood", e.Field);
        Assert.Contains("2^32", e.Message);
        Assert.Contains("limit is 20", e.Message);
    }

    [Fact]
    public void Validate_BatchLargerThanData_NamesBatchSize()
    {
        var e = Assert.Single(Errors(("dataset", "noisy-prototypes"), ("samples", 50L), ("batchSize", 64L)));
        Assert.Equal("batchSize", e.Field);
    }

    [Fact]
    public void Validate_AbsurdWork_NamesTheTrainingParameters_AndAbsurdMemoryTheData()
    {
        var errors = Errors(("dataset", "noisy-prototypes"), ("visible", 4096L), ("hidden", 4096L), ("samples", 200000L), ("epochs", 100000L));
        Assert.Contains(errors, e => e.Message.Contains("operations", StringComparison.Ordinal) && e.Message.Contains("of it is training") && e.Message.Contains("epochs (now 100000)"));
        Assert.Contains(errors, e => e.Field == "samples" && e.Message.Contains("GiB of memory") && e.Message.Contains("training data"));
    }

    [Fact]
    public void Run_UploadedChosenButMissing_ThrowsClearly()
    {
        var spec = Spec(1, ("dataset", "uploaded"));
        var ex = Assert.Throws<InvalidOperationException>(() => Run(spec));
        Assert.Contains("no uploaded data set was attached", ex.Message);
    }

    [Fact]
    public void Run_UploadedData_TrainsOnIt()
    {
        var errors = new List<FieldError>();
        var text = string.Join("\n", Enumerable.Range(0, 40).Select(r => string.Join(",", Enumerable.Range(0, 6).Select(i => (r + i) % 3 == 0 ? "1" : "0"))));
        var data = Compute.EnergyModels.Data.BinaryDataParser.Parse(text, 1000, 100, errors)!;
        Assert.Empty(errors);
        var spec = Spec(1, ("dataset", "uploaded"), ("hidden", 4L), ("epochs", 200L), ("checkpoints", 2L), ("sampleSteps", 200L), ("aisSteps", 100L));
        Assert.Empty(new RbmModel().ValidateDataset(spec.Parameters, data, RunLimits.Default));
        var result = Run(spec with { Datasets = new Dictionary<string, BinaryMatrix> { ["dataset"] = data } });
        Assert.Contains("uploaded data, 40 rows × 6 columns", result.Summary);
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Select(c => $"{c.Name}: {c.Simulated} ± {c.Error} vs {c.Reference} {c.Agrees}")));
    }

    [Fact]
    public void SampleGrid_TooFewGibbsStepsToTestEquilibrium_IsLowStatistics()
    {
        var result = Run(Spec(1, ("epochs", 20L), ("checkpoints", 2L), ("sampleSteps", 10L)));
        var check = result.Checks.Single(c => c.Name.StartsWith("sample chains equilibrated", StringComparison.Ordinal));
        Assert.Equal(Verdict.LowStatistics, check.Verdict);
        Assert.Contains("sampleSteps", check.Advice);
        Assert.False(result.AllChecksAgree);
    }

    [Fact]
    public void PcdLikelihoodThatPeaksAndFalls_StillGainedOverall_IsNotConverged_NeverAllGreen()
    {
        // PCD-1 at η = 0.02: the exact log-likelihood climbs from −11.09 to −5.47 by epoch 90 and falls to −8.23 by 165.
        var result = Run(Spec(1, ("training", "pcd"), ("k", 1L), ("learningRate", 0.02), ("epochs", 165L), ("checkpoints", 11L)));
        Assert.Equal(Verdict.BoundSatisfied, result.Checks.Single(c => c.Name == "log-likelihood gain over training").Verdict);
        var health = result.Checks.Single(c => c.Name.StartsWith("training converged", StringComparison.Ordinal));
        Assert.Equal(Verdict.NotConverged, health.Verdict);
        Assert.Equal(-5.47, health.Reference, 2);
        Assert.Contains("diverged after epoch 90", health.Advice);
        Assert.False(result.AllChecksAgree);
    }

    [Fact]
    public void DefaultTraining_LikelihoodNearItsBest_IsConverged()
    {
        var result = Run(Spec(1));
        Assert.True(result.Checks.Single(c => c.Name.StartsWith("training converged", StringComparison.Ordinal)).Agrees);
    }

    [Fact]
    public void ValidateDataset_TooWideForExactLikelihood_NamesLikelihood()
    {
        var spec = Spec(1, ("dataset", "uploaded"), ("hidden", 30L), ("likelihood", "exact"));
        var data = new BinaryMatrix(50, 25, new byte[50 * 25]);
        var e = Assert.Single(new RbmModel().ValidateDataset(spec.Parameters, data, RunLimits.Default));
        Assert.Equal("likelihood", e.Field);
    }

    [Fact]
    public void ValidateDataset_UsesTheLimitsItIsGiven_NotTheDefaults()
    {
        var spec = Spec(1, ("dataset", "uploaded"), ("hidden", 4L), ("epochs", 200L));
        var data = new BinaryMatrix(40, 6, new byte[40 * 6]);
        Assert.Empty(new RbmModel().ValidateDataset(spec.Parameters, data, RunLimits.Default));
        var tight = RunLimits.Default with { MaxWork = 1e3 };
        var e = Assert.Single(new RbmModel().ValidateDataset(spec.Parameters, data, tight));
        Assert.Contains("the limit is 1.0e3", e.Message);
    }

    private static List<FieldError> Errors(params (string Name, object Value)[] overrides)
    {
        var errors = Specs.Errors(RbmModel.Id, 1, out var spec, overrides);
        Assert.Null(spec);
        return errors;
    }
}
