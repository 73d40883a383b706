using System.Text.Json;

namespace Shared.Models;

/// <summary>The ordered list of a model type's parameters.</summary>
public sealed record ModelSchema(IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>The parameter with this name; case is ignored so that camelCase JSON clients find "N" as "n".</summary>
    public ParameterSpec? Find(string name) => Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether <paramref name="p"/> means something given the other values (<paramref name="valueOf"/> gives a parameter's
    /// value as invariant text): its condition holds and its controlling parameter applies in turn.
    /// </summary>
    public bool Applies(ParameterSpec p, Func<string, string?> valueOf)
    {
        for (var depth = 0; p.AppliesWhen is { } when; depth++)
        {
            var controller = Find(when.Parameter);
            if (controller is null || depth > Parameters.Count || !when.HoldsFor(valueOf(controller.Name))) return false;
            p = controller;
        }
        return true;
    }

    /// <summary>Whether <paramref name="p"/> applies given resolved values.</summary>
    public bool Applies(ParameterSpec p, ParameterValues values) =>
        Applies(p, name => values.All.TryGetValue(name, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null);

    /// <summary>
    /// Declaration mistakes in conditions: a controlling parameter that is missing, not a choice, comes later in the form,
    /// or a value it cannot take. Empty for a sound schema (a test checks every registered model type).
    /// </summary>
    public IEnumerable<string> ConditionProblems()
    {
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (Parameters[i].AppliesWhen is not { } when) continue;
            var name = Parameters[i].Name;
            var index = Parameters.ToList().FindIndex(p => p.Name == when.Parameter);
            if (index < 0) { yield return $"{name}: the controlling parameter {when.Parameter} is not in the schema."; continue; }
            var controller = Parameters[index];
            if (index > i) yield return $"{name}: the controlling parameter {when.Parameter} must come before it.";
            if (controller.Kind != ParameterKind.Choice) yield return $"{name}: the controlling parameter {when.Parameter} is not a choice.";
            else if (when.Values.Count == 0) yield return $"{name}: the condition lists no values.";
            foreach (var v in when.Values.Where(v => controller.Choices?.Contains(v) != true))
                yield return $"{name}: {when.Parameter} cannot be {v}.";
        }
    }

    /// <summary>
    /// Resolves user-supplied values against the schema: missing parameters take their default,
    /// unknown names and ill-typed or out-of-range values are reported per field. A parameter that does not apply
    /// (<see cref="ParameterSpec.AppliesWhen"/>) takes its default whatever was sent, and its value is not checked.
    /// </summary>
    public ParameterValues Resolve(IReadOnlyDictionary<string, JsonElement>? supplied, List<FieldError> errors)
    {
        var found = new List<FieldError>();
        var values = ResolveAll(supplied, found);
        var resolved = new ParameterValues(values);
        foreach (var p in Parameters.Where(p => p.AppliesWhen is not null && !Applies(p, resolved)))
        {
            values[p.Name] = p.DefaultValue;
            found.RemoveAll(e => e.Field == p.Name);
        }
        errors.AddRange(found);
        return new ParameterValues(values);
    }

    private SortedDictionary<string, object> ResolveAll(IReadOnlyDictionary<string, JsonElement>? supplied, List<FieldError> errors)
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
        return values;
    }
}

/// <summary>A validation problem tied to one input field.</summary>
public sealed record FieldError(string Field, string Message);
