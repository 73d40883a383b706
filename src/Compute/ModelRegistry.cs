using System.Text.Json;
using Shared.Models;
using Shared.Runs;

namespace Compute;

/// <summary>Every model type the portal offers, as an explicit list.</summary>
public static class ModelRegistry
{
    public static IReadOnlyList<IModelType> All { get; } =
    [
        new Perceptron.OnlineHebbModel(),
        new Perceptron.TeacherStudentModel(),
        new Perceptron.CapacityModel(),
        new Perceptron.OnlineModel(),
        new Perceptron.TheoryModel(),
        new Perceptron.Amp.AmpModel(),
        new EnergyModels.Ising.IsingModel(),
        new EnergyModels.SpinGlass.SkModel(),
        new EnergyModels.Parisi.SkParisiModel(),
        new EnergyModels.Hopfield.HopfieldModel(),
        new EnergyModels.Rbm.RbmModel(),
        new EnergyModels.InverseIsing.InverseIsingModel(),
        new Flows.Phi4.Phi4Model(),
        new Flows.Van.VanModel(),
    ];

    public static IModelType? Find(string? id) => All.FirstOrDefault(m => m.Info.Id == id);

    /// <summary>
    /// Validates a model type id, user-supplied parameters and a seed against the schema, the type's own
    /// rules and the limits. On success returns the spec; otherwise null with errors naming each field.
    /// </summary>
    public static RunSpec? Prepare(string? modelType, IReadOnlyDictionary<string, JsonElement>? parameters, long seed, RunLimits limits, List<FieldError> errors)
    {
        var type = Find(modelType);
        if (type is null)
        {
            errors.Add(new FieldError("modelType", $"Unknown model type '{modelType}'. Known types: {string.Join(", ", All.Select(m => m.Info.Id))}."));
            return null;
        }
        if (seed < 0)
            errors.Add(new FieldError("seed", "seed must be a non-negative integer."));
        var values = type.Info.Schema.Resolve(parameters, errors);
        if (errors.Count > 0) return null;
        errors.AddRange(type.Validate(values, limits));
        return errors.Count > 0 ? null : new RunSpec(type.Info.Id, values, seed);
    }

    /// <summary>The example parameters of a type as JSON values, for demo content and smoke tests.</summary>
    public static Dictionary<string, JsonElement> ExampleParameters(IModelType type) =>
        type.Example.ToDictionary(kv => kv.Key, kv => JsonSerializer.SerializeToElement(kv.Value));
}
