namespace Shared.Models;

/// <summary>A declared parameter without its value type: what a schema is built from.</summary>
public interface IParameter
{
    ParameterSpec Spec { get; }
}

/// <summary>
/// A model type's parameter, named once: the schema entry the form and the API validate against (<see cref="Spec"/>),
/// the typed reader of resolved values (<see cref="Of"/>) and example values (<see cref="Is"/>) all come from this one
/// declaration, so a parameter's name is typed in exactly one place.
/// </summary>
public sealed class Parameter<T> : IParameter
{
    private readonly Func<ParameterValues, string, T> _read;

    internal Parameter(ParameterSpec spec, Func<ParameterValues, string, T> read)
    {
        Spec = spec;
        _read = read;
    }

    public ParameterSpec Spec { get; }

    public string Name => Spec.Name;

    /// <summary>This parameter's value among resolved values.</summary>
    public T Of(ParameterValues values) => _read(values, Spec.Name);

    /// <summary>An (name, value) override, e.g. for a model type's example.</summary>
    public KeyValuePair<string, object> Is(T value) => new(Spec.Name, value!);

    /// <summary>This parameter, meaningful only while the choice <paramref name="controller"/> takes one of <paramref name="values"/>.</summary>
    public Parameter<T> OnlyWhen(Parameter<string> controller, params string[] values) =>
        new(Spec with { AppliesWhen = new AppliesWhen(controller.Name, values) }, _read);
}

/// <summary>Declares parameters (<see cref="Parameter{T}"/>) and builds schemas and examples from them.</summary>
public static class Parameter
{
    public static Parameter<double> Real(string name, string label, double @default, double? min = null, double? max = null, string? unit = null, string? help = null) =>
        new(ParameterSpec.Real(name, label, @default, min, max, unit, help), static (v, n) => v.Real(n));

    public static Parameter<int> Integer(string name, string label, int @default, int? min = null, int? max = null, string? unit = null, string? help = null) =>
        new(ParameterSpec.Integer(name, label, @default, min, max, unit, help), static (v, n) => v.Int(n));

    public static Parameter<string> Choice(string name, string label, string @default, IReadOnlyList<string> choices, string? help = null) =>
        new(ParameterSpec.Choice(name, label, @default, choices, help), static (v, n) => v.Choice(n));

    public static Parameter<bool> Boolean(string name, string label, bool @default, string? help = null) =>
        new(ParameterSpec.Boolean(name, label, @default, help), static (v, n) => v.Boolean(n));

    /// <summary>The schema of these parameters, in this order (the order of the form).</summary>
    public static ModelSchema Schema(params IParameter[] parameters) => new(parameters.Select(p => p.Spec).ToList());

    /// <summary>Example overrides built with <see cref="Parameter{T}.Is"/>.</summary>
    public static IReadOnlyDictionary<string, object> Example(params KeyValuePair<string, object>[] values) =>
        values.ToDictionary(kv => kv.Key, kv => kv.Value);
}
