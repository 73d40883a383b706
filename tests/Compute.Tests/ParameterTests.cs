using System.Text.Json;
using Shared.Models;

namespace Compute.Tests;

public class ParameterTests
{
    private static readonly Parameter<int> N = Parameter.Integer("N", "Spins", 64, 2, 1024);
    private static readonly Parameter<double> Beta = Parameter.Real("beta", "β", 0.5, 0, 10);
    private static readonly Parameter<string> Update = Parameter.Choice("update", "Update", "metropolis", ["metropolis", "wolff"]);
    private static readonly Parameter<bool> Exact = Parameter.Boolean("exact", "Exact", true);

    [Fact]
    public void OneDeclaration_GivesSchemaReaderAndExample()
    {
        var schema = Parameter.Schema(N, Beta, Update, Exact);
        Assert.Equal(["N", "beta", "update", "exact"], schema.Parameters.Select(p => p.Name));
        Assert.Equal(ParameterKind.Integer, schema.Find("N")!.Kind);
        Assert.Equal(1024, schema.Find("N")!.Max);

        var example = Parameter.Example(N.Is(16), Update.Is("wolff"));
        var errors = new List<FieldError>();
        var values = schema.Resolve(example.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value)), errors);
        Assert.Empty(errors);
        Assert.Equal(16, N.Of(values));
        Assert.Equal(0.5, Beta.Of(values));
        Assert.Equal("wolff", Update.Of(values));
        Assert.True(Exact.Of(values));
    }

    [Fact]
    public void EveryModelType_ExampleNamesOnlyItsOwnParameters()
    {
        foreach (var type in ModelRegistry.All)
            Assert.All(type.Example.Keys, key => Assert.NotNull(type.Info.Schema.Find(key)));
    }
}
