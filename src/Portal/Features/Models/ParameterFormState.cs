using System.Globalization;
using System.Text.Json;
using Shared.Models;

namespace Portal.Features.Models;

/// <summary>
/// What the user typed into a schema-driven form, kept as text so that nothing is lost on a validation
/// error, with per-field errors computed by the same rules the API applies (ParameterSpec.Coerce).
/// </summary>
public sealed class ParameterFormState
{
    private readonly Dictionary<string, string> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public ParameterFormState(ModelSchema schema, IReadOnlyDictionary<string, JsonElement>? initial = null)
    {
        Schema = schema;
        foreach (var p in schema.Parameters)
            _text[p.Name] = initial is not null && initial.TryGetValue(p.Name, out var v) ? TextOf(v) : p.Default;
    }

    public ModelSchema Schema { get; }

    public string Text(string name) => _text.GetValueOrDefault(name, "");

    public string? ErrorOf(string name) => _errors.GetValueOrDefault(name);

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Whether the field means something with the current choices; one that does not is hidden and not sent.</summary>
    public bool Applies(ParameterSpec p) => Schema.Applies(p, Text);

    public void Set(string name, string? text)
    {
        _text[name] = text ?? "";
        if (Schema.Find(name) is { } p) Check(p);
        // A changed choice may hide fields: their errors no longer stand in the way.
        foreach (var hidden in Schema.Parameters.Where(q => !Applies(q))) _errors.Remove(hidden.Name);
    }

    /// <summary>Checks every field that applies; returns true when all are valid.</summary>
    public bool Validate()
    {
        foreach (var p in Schema.Parameters)
        {
            if (Applies(p)) Check(p);
            else _errors.Remove(p.Name);
        }
        return !HasErrors;
    }

    /// <summary>Errors the server found (cross-field rules, resource limits) shown on their fields.</summary>
    public void ShowServerErrors(IEnumerable<FieldError> errors)
    {
        foreach (var e in errors.Where(e => Schema.Find(e.Field) is not null)) _errors[e.Field] = e.Message;
    }

    /// <summary>Whether every field that applies holds a value of its kind (ranges aside): then <see cref="ToJson"/> says what was typed.</summary>
    public bool Complete => Schema.Parameters.Where(Applies).All(p => Parse(p, Text(p.Name), out _) is not null);

    public Dictionary<string, JsonElement> ToJson()
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in Schema.Parameters.Where(Applies))
            if (Parse(p, Text(p.Name), out _) is { } json) result[p.Name] = json;
        return result;
    }

    private void Check(ParameterSpec p)
    {
        var json = Parse(p, Text(p.Name), out var error);
        if (json is { } element) p.Coerce(element, out error);
        if (error is null) _errors.Remove(p.Name);
        else _errors[p.Name] = error;
    }

    private static JsonElement? Parse(ParameterSpec p, string text, out string? error)
    {
        error = null;
        text = text.Trim();
        switch (p.Kind)
        {
            case ParameterKind.Real:
            case ParameterKind.Integer:
                if (text.Length == 0)
                {
                    error = $"{p.Name} is required.";
                    return null;
                }
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    error = p.Kind == ParameterKind.Integer ? $"{p.Name} must be a whole number." : $"{p.Name} must be a number (use a decimal point, e.g. 0.5 or 1e-3).";
                    return null;
                }
                return JsonSerializer.SerializeToElement(number);
            case ParameterKind.Boolean:
                return JsonSerializer.SerializeToElement(text == "true");
            default:
                return JsonSerializer.SerializeToElement(text);
        }
    }

    private static string TextOf(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => v.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => v.GetRawText(),
    };
}
