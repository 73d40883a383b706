using Compute.Perceptron;
using Compute.Perceptron.Theory;

namespace Compute.Tests.Perceptron;

public class CapacityModelTests
{
    private static readonly CapacityModel Model = new();

    [Fact]
    public void Example_ExactSolver_FractionsConsistentWithCover()
    {
        var result = ModelRunner.RunExample(Model);
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Select(c => $"{c.Name}: {c.Simulated:0.00} vs {c.Reference}")));
        Assert.Equal(3, result.Checks.Count(c => c.Name.StartsWith("χ²", StringComparison.Ordinal)));
        // At α = 2 every N has Cover probability exactly ½; the pooled fraction must be near it.
        var atTwo = result.Series.Where(s => s.Name.StartsWith("fraction_N", StringComparison.Ordinal))
            .Select(s => s.Y[Array.FindIndex(s.X, x => Math.Abs(x - 2.0) < 1e-9)]).Average();
        Assert.InRange(atTwo, 0.5 - 3 * Math.Sqrt(0.25 / 90), 0.5 + 3 * Math.Sqrt(0.25 / 90));
        Assert.Contains(result.Figures[0].Markers, m => m.X == 2.0);
        // The largest load's fraction of every size is a metric too (what a sweep over alphaMax plots against Cover).
        foreach (var fraction in result.Series.Where(s => s.Name.StartsWith("fraction_N", StringComparison.Ordinal)))
        {
            var metric = result.Metrics.Single(m => m.Name == "solved_" + fraction.Name);
            Assert.Equal((fraction.Y[^1], fraction.Error![^1]), (metric.Value, metric.Error!.Value));
        }
    }

    [Fact]
    public void Run_ExactSolverPositiveMargin_FractionDropsAroundGardnerCapacity()
    {
        // κ = 0.5: α_c = 0.961205. At N = 100 the fraction is ~1 well below and ~0 well above.
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 3, ("sizes", "100"), ("kappa", 0.5), ("alphaMin", 0.6), ("alphaMax", 1.4), ("alphaPoints", 3), ("instances", 20)));
        var fraction = result.Series.Single(s => s.Name == "fraction_N100").Y;
        Assert.True(fraction[0] >= 0.95 && fraction[2] <= 0.05, string.Join(", ", fraction));
        Assert.Contains(result.Figures[0].Markers, m => Math.Abs(m.X - GardnerCapacity.CriticalAlpha(0.5)) < 1e-12);
    }

    [Fact]
    public void Run_BudgetedPerceptron_NeverSolvesMoreThanExact()
    {
        // Same seed, so the same instances: the budgeted perceptron certifies a subset of the separable ones.
        (string, object)[] common = [("sizes", "50"), ("alphaMin", 1.6), ("alphaMax", 2.2), ("alphaPoints", 3), ("instances", 30)];
        var exact = ModelRunner.Run(Model, ModelRunner.Spec(Model, 4, [.. common, ("solver", "exact")])).Series.Single(s => s.Name == "fraction_N50").Y;
        var perceptron = ModelRunner.Run(Model, ModelRunner.Spec(Model, 4, [.. common, ("solver", "perceptron"), ("epochs", 200)])).Series.Single(s => s.Name == "fraction_N50").Y;
        for (var k = 0; k < exact.Length; k++) Assert.True(perceptron[k] <= exact[k], $"point {k}: {perceptron[k]} > {exact[k]}");
    }

    [Fact]
    public void Run_SbpiBinaryWeights_SolvesLowLoadAndDrawsKrauthMezard()
    {
        var result = ModelRunner.Run(Model, ModelRunner.Spec(Model, 5, ("sizes", "50"), ("weights", "binary"), ("inputs", "binary"), ("solver", "sbpi"),
            ("alphaMin", 0.2), ("alphaMax", 1.2), ("alphaPoints", 2), ("instances", 10), ("epochs", 300)));
        var fraction = result.Series.Single().Y;
        Assert.True(fraction[0] >= 0.9 && fraction[1] == 0, string.Join(", ", fraction));
        Assert.Contains(result.Figures[0].Markers, m => m.X == BinaryPerceptronTheory.StorageCapacity);
    }

    [Theory]
    [InlineData("solver", "weights", "binary", "solver", "exact", "NP-hard")]
    [InlineData("solver", "weights", "spherical", "solver", "sbpi", "binary weights")]
    [InlineData("kappa", "weights", "binary", "solver", "sbpi", "κ = 0")]
    public void Validate_InapplicableCombination_NamesFieldAndReason(string field, string name1, string value1, string name2, string value2, string reason)
    {
        (string, object)[] overrides = field == "kappa" ? [(name1, value1), (name2, value2), ("kappa", 0.5)] : [(name1, value1), (name2, value2)];
        var errors = ModelRunner.Errors(Model, 1, out var spec, overrides);
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(reason));
    }

    [Fact]
    public void Validate_AbsurdWork_NamesInstances()
    {
        var errors = ModelRunner.Errors(Model, 1, out _, ("sizes", "100,200,400"), ("alphaMax", 10.0), ("instances", 10_000), ("alphaPoints", 60));
        Assert.Contains(errors, e => e.Field == "instances" && e.Message.Contains("limit"));
    }
}
