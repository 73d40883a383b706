using System.Text.Json;
using Shared.Models;

namespace Compute.Tests;

public class AppliesWhenTests
{
    private static readonly Parameter<string> Rule = Parameter.Choice("rule", "Rule", "perceptron", ["hebb", "perceptron", "hinge"]);
    private static readonly Parameter<double> Kappa = Parameter.Real("kappa", "Margin κ", 0.5, 0, 10).OnlyWhen(Rule, "hinge");
    private static readonly Parameter<string> Solver = Parameter.Choice("solver", "Solver", "exact", ["exact", "budgeted"]).OnlyWhen(Rule, "hinge", "perceptron");
    private static readonly Parameter<int> Epochs = Parameter.Integer("epochs", "Epochs", 100, 1, 1000).OnlyWhen(Solver, "budgeted");
    private static readonly ModelSchema Schema = Parameter.Schema(Rule, Kappa, Solver, Epochs);

    private static ParameterValues Resolve(List<FieldError> errors, params (string Name, object Value)[] supplied) =>
        Schema.Resolve(supplied.ToDictionary(s => s.Name, s => JsonSerializer.SerializeToElement(s.Value)), errors);

    [Fact]
    public void Resolve_ParameterThatApplies_IsCheckedAndKept()
    {
        var errors = new List<FieldError>();
        var values = Resolve(errors, ("rule", "hinge"), ("kappa", 2.0));
        Assert.Empty(errors);
        Assert.Equal(2.0, Kappa.Of(values));

        Resolve(errors, ("rule", "hinge"), ("kappa", 20.0));
        Assert.Equal("kappa", Assert.Single(errors).Field);
    }

    [Fact]
    public void Resolve_ParameterThatDoesNotApply_IsNeitherCheckedNorKept()
    {
        var errors = new List<FieldError>();
        var values = Resolve(errors, ("rule", "hebb"), ("kappa", 20.0), ("epochs", -3));
        Assert.Empty(errors);
        Assert.Equal(0.5, Kappa.Of(values));
        Assert.Equal(100, Epochs.Of(values));
        // Two specs that differ only in a value that does not apply are the same spec.
        Assert.Equal(Resolve(errors, ("rule", "hebb")).ToCanonicalJson(), values.ToCanonicalJson());
    }

    [Fact]
    public void Applies_FollowsAChainOfConditions()
    {
        string? Text(Dictionary<string, string> d, string name) => d.GetValueOrDefault(name);
        var budgetedHinge = new Dictionary<string, string> { ["rule"] = "hinge", ["solver"] = "budgeted" };
        var budgetedHebb = new Dictionary<string, string> { ["rule"] = "hebb", ["solver"] = "budgeted" };
        Assert.True(Schema.Applies(Epochs.Spec, n => Text(budgetedHinge, n)));
        // The solver does not apply to hebb, so neither does what depends on it.
        Assert.False(Schema.Applies(Epochs.Spec, n => Text(budgetedHebb, n)));
        Assert.True(Schema.Applies(Rule.Spec, n => Text(budgetedHebb, n)));
        Assert.Equal("only when rule is hinge", Kappa.Spec.AppliesWhen!.Describe());
    }

    [Fact]
    public void ConditionProblems_NameTheMistake()
    {
        var late = Parameter.Schema(Kappa, Rule);
        Assert.Contains(late.ConditionProblems(), p => p.Contains("must come before", StringComparison.Ordinal));
        var wrongValue = Parameter.Schema(Rule, Parameter.Real("x", "x", 0).OnlyWhen(Rule, "adatron"));
        Assert.Contains(wrongValue.ConditionProblems(), p => p.Contains("rule cannot be adatron", StringComparison.Ordinal));
        Assert.Empty(Schema.ConditionProblems());
    }

    [Fact]
    public void EveryModelType_ConditionsAreSound_AndItsExampleValuesApply()
    {
        foreach (var type in ModelRegistry.All)
        {
            Assert.Empty(type.Info.Schema.ConditionProblems());
            var values = type.Info.Schema.Resolve(ModelRegistry.ExampleParameters(type), []);
            // An example that sets a value the schema then ignores would mislead whoever reads it.
            foreach (var key in type.Example.Keys)
                Assert.True(type.Info.Schema.Applies(type.Info.Schema.Find(key)!, values), $"{type.Info.Id}: the example sets {key}, which does not apply.");
        }
    }

    [Fact]
    public void ModelTypes_DeclareTheDocumentedConditions()
    {
        var online = ModelRegistry.Find(global::Compute.Perceptron.OnlineModel.Id)!.Info.Schema;
        Assert.Equal("rule", online.Find("kappa")!.AppliesWhen!.Parameter);
        Assert.Equal(["hinge"], online.Find("kappa")!.AppliesWhen!.Values);
        var rbm = ModelRegistry.Find(global::Compute.EnergyModels.Rbm.RbmModel.Id)!.Info.Schema;
        Assert.Equal("dataset", rbm.Find("beta")!.AppliesWhen!.Parameter);
        var van = ModelRegistry.Find(global::Compute.Flows.Van.VanModel.Id)!.Info.Schema;
        Assert.Equal(["pixelcnn"], van.Find("channels")!.AppliesWhen!.Values);
    }
}
