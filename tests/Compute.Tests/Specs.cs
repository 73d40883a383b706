using System.Text.Json;
using Shared.Models;
using Shared.Runs;

namespace Compute.Tests;

/// <summary>Specs prepared through the registry (schema, the type's Validate, default limits), as the portal prepares them.</summary>
internal static class Specs
{
    public static RunSpec Prepare(string modelType, long seed, params (string Name, object Value)[] overrides)
    {
        var errors = Errors(modelType, seed, out var spec, overrides);
        Assert.Empty(errors);
        return spec!;
    }

    public static List<FieldError> Errors(string modelType, long seed, out RunSpec? spec, params (string Name, object Value)[] overrides)
    {
        var supplied = overrides.ToDictionary(o => o.Name, o => JsonSerializer.SerializeToElement(o.Value));
        var errors = new List<FieldError>();
        spec = ModelRegistry.Prepare(modelType, supplied, seed, RunLimits.Default, errors);
        return errors;
    }

    public static List<FieldError> Errors(string modelType, params (string Name, object Value)[] overrides) =>
        Errors(modelType, 1, out _, overrides);
}
