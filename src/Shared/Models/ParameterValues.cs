using System.Globalization;
using System.Text.Json;

namespace Shared.Models;

/// <summary>
/// Resolved parameter values keyed by name (double for Real, long for Integer, string for Choice,
/// bool for Boolean). Keys are sorted so that the canonical JSON, and therefore the spec hash, is stable.
/// </summary>
public sealed class ParameterValues
{
    private readonly SortedDictionary<string, object> _values;

    public ParameterValues(IDictionary<string, object> values) =>
        _values = new SortedDictionary<string, object>(values, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object> All => _values;

    public double Real(string name) => Convert.ToDouble(Get(name), CultureInfo.InvariantCulture);
    public long Integer(string name) => Convert.ToInt64(Get(name), CultureInfo.InvariantCulture);
    public int Int(string name) => checked((int)Integer(name));
    public string Choice(string name) => (string)Get(name);
    public bool Boolean(string name) => (bool)Get(name);

    private object Get(string name) =>
        _values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"Parameter '{name}' was not resolved.");

    /// <summary>Canonical JSON: sorted keys, invariant numbers. Two equal value sets give equal text.</summary>
    public string ToCanonicalJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (key, value) in _values)
            {
                w.WritePropertyName(key);
                switch (value)
                {
                    case double d: w.WriteNumberValue(d); break;
                    case long l: w.WriteNumberValue(l); break;
                    case bool b: w.WriteBooleanValue(b); break;
                    default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                }
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses canonical JSON written by <see cref="ToCanonicalJson"/> back against the schema.</summary>
    public static ParameterValues FromJson(string json, ModelSchema schema)
    {
        var supplied = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
        var errors = new List<FieldError>();
        var values = schema.Resolve(supplied, errors);
        if (errors.Count > 0)
            throw new FormatException("Stored parameters no longer fit the schema: " + string.Join(" ", errors.Select(e => e.Message)));
        return values;
    }

    public Dictionary<string, JsonElement> ToJsonElements() =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ToCanonicalJson())!;
}
