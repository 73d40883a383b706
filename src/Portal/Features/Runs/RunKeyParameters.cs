using System.Globalization;
using System.Text.Json;
using Compute;
using Shared.Models;

namespace Portal.Features.Runs;

/// <summary>
/// The parameters that tell a run apart in a list: those whose value differs from the model type's default, in the
/// schema's order, as "N=200, alphaMax=2". A run at every default says so.
/// </summary>
public static class RunKeyParameters
{
    public const int Shown = 4;

    public static string Describe(string modelType, string? specJson)
    {
        if (ModelRegistry.Find(modelType) is not { } type || specJson is null) return "";
        Dictionary<string, JsonElement> supplied;
        try
        {
            using var spec = JsonDocument.Parse(specJson);
            if (!spec.RootElement.TryGetProperty("parameters", out var p) || p.ValueKind != JsonValueKind.Object) return "";
            supplied = p.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.Clone());
        }
        catch (JsonException)
        {
            return "";
        }
        var schema = type.Info.Schema;
        var errors = new List<FieldError>();
        var values = schema.Resolve(supplied, errors).All;
        var defaults = schema.Resolve(null, errors).All;
        var differing = schema.Parameters
            .Where(s => values.TryGetValue(s.Name, out var v) && !(defaults.TryGetValue(s.Name, out var d) && Equals(v, d)))
            .Select(s => $"{s.Name}={Format(values[s.Name])}")
            .ToList();
        if (differing.Count == 0) return "defaults";
        return string.Join(", ", differing.Take(Shown)) + (differing.Count > Shown ? $", … (+{differing.Count - Shown})" : "");
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
