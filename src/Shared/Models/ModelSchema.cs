using System.Text.Json;

namespace Shared.Models;

/// <summary>The ordered list of a model type's parameters.</summary>
public sealed record ModelSchema(IReadOnlyList<ParameterSpec> Parameters)
{
    public ParameterSpec? Find(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>
    /// Resolves user-supplied values against the schema: missing parameters take their default,
    /// unknown names and ill-typed or out-of-range values are reported per field.
    /// </summary>
    public ParameterValues Resolve(IReadOnlyDictionary<string, JsonElement>? supplied, List<FieldError> errors)
    {
        var values = new SortedDictionary<string, object>(StringComparer.Ordinal);
        if (supplied is not null)
        {
            foreach (var name in supplied.Keys)
            {
                if (Find(name) is null)
                    errors.Add(new FieldError(name, $"{name} is not a parameter of this model type."));
            }
        }
        foreach (var p in Parameters)
        {
            if (supplied is not null && supplied.TryGetValue(p.Name, out var json) && json.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                var v = p.Coerce(json, out var error);
                if (error is not null) errors.Add(new FieldError(p.Name, error));
                else values[p.Name] = v!;
            }
            else
            {
                values[p.Name] = p.DefaultValue;
            }
        }
        return new ParameterValues(values);
    }
}

/// <summary>A validation problem tied to one input field.</summary>
public sealed record FieldError(string Field, string Message);
