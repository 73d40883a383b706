using Compute.Perceptron;

namespace Compute.Tests.Perceptron;

public class TheoryModelTests
{
    private static readonly TheoryModel Model = new();

    [Fact]
    public void Example_AllReferenceValuesReproduced()
    {
        var result = ModelRunner.RunExample(Model);
        Assert.Equal(13, result.Checks.Count);
        Assert.True(result.AllChecksAgree, string.Join("; ", result.Checks.Where(c => !c.Agrees).Select(c => $"{c.Name}: {c.Simulated} vs {c.Reference}")));
        Assert.Equal(3, result.Figures.Count);
        Assert.Equal(5, result.Figures[0].Traces.Count);
        // ε_Bayes ≤ ε_max-stability ≤ ε_Hebb on the common grid end (α = 10).
        var last = (string name) => result.Series.Single(s => s.Name == name).Y[^1];
        Assert.True(last("epsilon_bayes") < last("epsilon_max_stability") && last("epsilon_max_stability") < last("epsilon_gibbs") && last("epsilon_gibbs") < last("epsilon_hebb"));
    }

    [Fact]
    public void Prepare_TooManyPoints_NamesPointsAndLimit()
    {
        var errors = ModelRunner.Errors(Model, 1, out var spec, ("points", 5000));
        Assert.Null(spec);
        Assert.Contains(errors, e => e.Field == "points" && e.Message.Contains("at most 1000"));
    }
}
