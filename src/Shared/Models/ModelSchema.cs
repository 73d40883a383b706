using System.Text.Json;

namespace Shared.Models;

/// <summary>The ordered list of a model type's parameters.</summary>
public sealed record ModelSchema(IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>The parameter with this name; case is ignored so that camelCase JSON clients find "N" as "n".</summary>
    public ParameterSpec? Find(string name) => Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Resolves user-supplied values against the schema: missing parameters take their default,
    /// unknown names and ill-typed or out-of-range values are reported per field.
    /// </summary>
    public ParameterValues Resolve(IReadOnlyDictionary<string, JsonElement>? supplied, List<FieldError> errors)
    {
        var values = new SortedDictionary<string, object>(StringComparer.Ordinal);
        if (supplied is not null)
        {
            var canonical = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var (key, value) in supplied)
            {
                var name = Find(key)?.Name ?? key;
                if (!canonical.TryAdd(name, value))
                    errors.Add(new FieldError(name, $"{name} is given more than once (names ignore case)."));
            }
            supplied = canonical;
        }
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
