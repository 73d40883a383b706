using System.Globalization;
using System.Text.Json;

namespace Shared.Models;

/// <summary>
/// One parameter of a model type, described as data so that the portal renders a form from it and
/// the API validates against it. Defaults are stored as invariant strings ("0.5", "true", "hebb").
/// </summary>
public sealed record ParameterSpec
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required ParameterKind Kind { get; init; }
    public required string Default { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public string? Unit { get; init; }
    public string? Help { get; init; }
    public IReadOnlyList<string>? Choices { get; init; }

    /// <summary>The condition under which this parameter means something; null when it always does.</summary>
    public AppliesWhen? AppliesWhen { get; init; }

    public static ParameterSpec Real(string name, string label, double @default, double? min = null, double? max = null, string? unit = null, string? help = null) =>
        new() { Name = name, Label = label, Kind = ParameterKind.Real, Default = @default.ToString("R", CultureInfo.InvariantCulture), Min = min, Max = max, Unit = unit, Help = help };

    public static ParameterSpec Integer(string name, string label, long @default, long? min = null, long? max = null, string? unit = null, string? help = null) =>
        new() { Name = name, Label = label, Kind = ParameterKind.Integer, Default = @default.ToString(CultureInfo.InvariantCulture), Min = min, Max = max, Unit = unit, Help = help };

    public static ParameterSpec Choice(string name, string label, string @default, IReadOnlyList<string> choices, string? help = null) =>
        new() { Name = name, Label = label, Kind = ParameterKind.Choice, Default = @default, Choices = choices, Help = help };

    public static ParameterSpec Boolean(string name, string label, bool @default, string? help = null) =>
        new() { Name = name, Label = label, Kind = ParameterKind.Boolean, Default = @default ? "true" : "false", Help = help };

    /// <summary>The default as a typed value (double, long, string or bool).</summary>
    public object DefaultValue => Kind switch
    {
        ParameterKind.Real => double.Parse(Default, CultureInfo.InvariantCulture),
        ParameterKind.Integer => long.Parse(Default, CultureInfo.InvariantCulture),
        ParameterKind.Boolean => Default == "true",
        _ => Default,
    };

    /// <summary>
    /// Converts a JSON value to this parameter's type and checks its range. Returns null and an error
    /// message naming the field and the limit when the value does not fit.
    /// </summary>
    public object? Coerce(JsonElement value, out string? error)
    {
        error = null;
        switch (Kind)
        {
            case ParameterKind.Real:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var real) || !double.IsFinite(real))
                {
                    error = $"{Name} must be a finite number.";
                    return null;
                }
                return CheckRange(real, out error) ? real : null;
            case ParameterKind.Integer:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var d) || d != Math.Floor(d) || Math.Abs(d) > 9.0e15)
                {
                    error = $"{Name} must be a whole number.";
                    return null;
                }
                return CheckRange(d, out error) ? (long)d : null;
            case ParameterKind.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    error = $"{Name} must be true or false.";
                    return null;
                }
                return value.GetBoolean();
            default:
                var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                if (text is null || Choices is null || !Choices.Contains(text))
                {
                    error = $"{Name} must be one of: {string.Join(", ", Choices ?? [])}.";
                    return null;
                }
                return text;
        }
    }

    /// <summary>Checks a numeric value against [Min, Max]; the message names the field and the limit.</summary>
    public bool CheckRange(double value, out string? error)
    {
        error = null;
        if (Min is { } min && value < min)
            error = $"{Name} must be at least {Format(min)}{UnitSuffix} (got {Format(value)}).";
        else if (Max is { } max && value > max)
            error = $"{Name} must be at most {Format(max)}{UnitSuffix} (got {Format(value)}).";
        return error is null;
    }

    private string UnitSuffix => string.IsNullOrEmpty(Unit) ? "" : " " + Unit;

    private static string Format(double v) => v.ToString("G10", CultureInfo.InvariantCulture);
}
