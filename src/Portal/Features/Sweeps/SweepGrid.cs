using System.Globalization;
using System.Text.Json;
using Shared.Models;

namespace Portal.Features.Sweeps;

/// <summary>What a client asks for: one or two swept parameters, seeds (a count or a list) and fixed overrides.</summary>
public sealed record SweepRequest
{
    /// <summary>The model to sweep (API); pages pass it separately.</summary>
    public Guid? ModelId { get; init; }

    public string? Name { get; init; }
    public int? Version { get; init; }
    public IReadOnlyList<SweepAxisRequest>? Axes { get; init; }

    /// <summary>Seeds 1 … SeedCount (the same seeds for every point, so that points differ only by the swept values).</summary>
    public int? SeedCount { get; init; }

    public IReadOnlyList<long>? Seeds { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Overrides { get; init; }
}

/// <summary>A swept parameter: explicit values, or a linear or logarithmic range of Count points from From to To.</summary>
public sealed record SweepAxisRequest
{
    public string? Parameter { get; init; }
    public IReadOnlyList<JsonElement>? Values { get; init; }
    public double? From { get; init; }
    public double? To { get; init; }
    public int? Count { get; init; }

    /// <summary>"linear" (default) or "log".</summary>
    public string? Scale { get; init; }
}

/// <summary>A swept parameter with its resolved values, in the parameter's own type and canonical JSON form.</summary>
public sealed record SweepAxis(string Parameter, IReadOnlyList<JsonElement> Values);

/// <summary>
/// The resolved grid of a sweep: every value already checked against the parameter's schema entry, seeds explicit.
/// Members are the product of the axes' values and the seeds; a member is known by its <see cref="PointKey"/> and seed.
/// </summary>
public sealed record SweepGrid(IReadOnlyList<SweepAxis> Axes, IReadOnlyList<long> Seeds, IReadOnlyDictionary<string, JsonElement> Overrides)
{
    public const int MaxAxes = 2;

    public int PointCount => Axes.Aggregate(1, (n, a) => n * a.Values.Count);
    public int MemberCount => PointCount * Seeds.Count;

    /// <summary>Every point of the grid (values aligned with <see cref="Axes"/>), the first axis varying slowest.</summary>
    public IEnumerable<IReadOnlyList<JsonElement>> Points()
    {
        IEnumerable<IReadOnlyList<JsonElement>> points = [[]];
        foreach (var axis in Axes)
            points = points.SelectMany(p => axis.Values.Select(v => (IReadOnlyList<JsonElement>)[.. p, v])).ToList();
        return points;
    }

    /// <summary>Identifies a point by its values' canonical JSON, the same text the run's spec holds for them.</summary>
    public static string PointKey(IEnumerable<JsonElement> values) => string.Join("|", values.Select(v => v.GetRawText()));

    /// <summary>How a point reads to a physicist: "alpha = 0.5, N = 40".</summary>
    public string Describe(IReadOnlyList<JsonElement> point) =>
        string.Join(", ", Axes.Select((a, i) => $"{a.Parameter} = {Text(point[i])}"));

    public static string Text(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();

    /// <summary>The point's value of an axis as a number (booleans 0/1; choices by their position on the axis).</summary>
    public double Coordinate(int axis, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => Axes[axis].Values.Select(v => v.GetRawText()).ToList().IndexOf(value.GetRawText()),
    };

    public string ToJson() => JsonSerializer.Serialize(this);

    public static SweepGrid FromJson(string json) => JsonSerializer.Deserialize<SweepGrid>(json)!;

    /// <summary>
    /// Checks a request against the model type's schema and the member limit; on success the grid, otherwise null with
    /// errors naming the field (axes[i].values, seeds, members …) and the limit.
    /// </summary>
    public static SweepGrid? Resolve(ModelSchema schema, SweepRequest request, int maxMembers, List<FieldError> errors)
    {
        var before = errors.Count;
        var axes = new List<SweepAxis>();
        var requested = request.Axes ?? [];
        if (requested.Count is < 1 or > MaxAxes)
            errors.Add(new FieldError("axes", $"A sweep varies 1 or {MaxAxes} parameters; {requested.Count} were given."));
        for (var i = 0; i < Math.Min(requested.Count, MaxAxes); i++)
        {
            var axis = ResolveAxis(schema, requested[i], $"axes[{i}]", maxMembers, errors);
            if (axis is null) continue;
            if (axes.Any(a => a.Parameter == axis.Parameter))
                errors.Add(new FieldError($"axes[{i}].parameter", $"{axis.Parameter} is swept twice."));
            else axes.Add(axis);
        }

        var overrides = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Overrides ?? new Dictionary<string, JsonElement>())
        {
            var spec = schema.Find(key);
            if (spec is null) { errors.Add(new FieldError($"overrides.{key}", $"{key} is not a parameter of this model type.")); continue; }
            if (axes.Any(a => a.Parameter == spec.Name)) { errors.Add(new FieldError($"overrides.{key}", $"{spec.Name} is swept; it cannot also be fixed.")); continue; }
            var v = spec.Coerce(value, out var error);
            if (error is not null) errors.Add(new FieldError($"overrides.{spec.Name}", error));
            else overrides[spec.Name] = JsonSerializer.SerializeToElement(v);
        }

        var seeds = ResolveSeeds(request, maxMembers, errors);
        if (errors.Count > before) return null;
        var grid = new SweepGrid(axes, seeds, overrides);
        if ((long)grid.PointCount * seeds.Count > maxMembers)
            errors.Add(new FieldError("members", $"The sweep has {grid.PointCount} points × {seeds.Count} seeds = {(long)grid.PointCount * seeds.Count} runs; the limit is {maxMembers}."));
        return errors.Count > before ? null : grid;
    }

    internal static SweepAxis? ResolveAxis(ModelSchema schema, SweepAxisRequest request, string field, int maxValues, List<FieldError> errors)
    {
        var spec = string.IsNullOrWhiteSpace(request.Parameter) ? null : schema.Find(request.Parameter);
        if (spec is null)
        {
            errors.Add(new FieldError($"{field}.parameter", string.IsNullOrWhiteSpace(request.Parameter)
                ? "Name the parameter to sweep." : $"{request.Parameter} is not a parameter of this model type."));
            return null;
        }
        var isRange = request.From is not null || request.To is not null || request.Count is not null;
        if (isRange == (request.Values is not null))
        {
            errors.Add(new FieldError(field, $"Give {spec.Name} either a list of values or a range (from, to, count), not both."));
            return null;
        }
        var raw = isRange ? RangeValues(spec, request, field, maxValues, errors) : request.Values!;
        if (raw is null) return null;
        if (raw.Count == 0 || raw.Count > maxValues)
        {
            errors.Add(new FieldError($"{field}.values", $"{spec.Name} needs 1 to {maxValues} values; {raw.Count} were given."));
            return null;
        }
        var values = new List<JsonElement>();
        foreach (var element in raw)
        {
            var v = spec.Coerce(element, out var error);
            if (error is not null)
            {
                errors.Add(new FieldError($"{field}.values", $"At {spec.Name} = {Text(element)}: {error}"));
                return null;
            }
            var canonical = JsonSerializer.SerializeToElement(v);
            if (values.All(x => x.GetRawText() != canonical.GetRawText())) values.Add(canonical);
        }
        return new SweepAxis(spec.Name, values);
    }

    private static List<JsonElement>? RangeValues(ParameterSpec spec, SweepAxisRequest r, string field, int maxValues, List<FieldError> errors)
    {
        if (spec.Kind is not (ParameterKind.Real or ParameterKind.Integer))
        {
            errors.Add(new FieldError(field, $"{spec.Name} is a {spec.Kind.ToString().ToLowerInvariant()} parameter: list its values instead of a range."));
            return null;
        }
        if (r.From is not { } from || r.To is not { } to || !double.IsFinite(from) || !double.IsFinite(to))
        {
            errors.Add(new FieldError(field, $"A range of {spec.Name} needs finite from and to."));
            return null;
        }
        if (r.Count is not { } count || count < 1 || count > maxValues)
        {
            errors.Add(new FieldError($"{field}.count", $"count must be between 1 and {maxValues}."));
            return null;
        }
        var log = (r.Scale ?? "linear").ToLowerInvariant() switch
        {
            "linear" => false,
            "log" => true,
            _ => (bool?)null,
        };
        if (log is null) { errors.Add(new FieldError($"{field}.scale", "scale must be 'linear' or 'log'.")); return null; }
        if (log.Value && (from <= 0 || to <= 0))
        {
            errors.Add(new FieldError(field, $"A logarithmic range of {spec.Name} needs from and to above 0."));
            return null;
        }
        var values = new List<JsonElement>(count);
        for (var i = 0; i < count; i++)
        {
            var t = count == 1 ? 0 : (double)i / (count - 1);
            var x = log.Value ? Math.Exp(Math.Log(from) + t * (Math.Log(to) - Math.Log(from))) : from + t * (to - from);
            // The ends are the numbers typed, not their round trip through exp/log or the linear interpolation.
            if (i == 0) x = from;
            else if (i == count - 1) x = to;
            else x = double.Parse(x.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            values.Add(JsonSerializer.SerializeToElement(spec.Kind == ParameterKind.Integer ? Math.Round(x) : x));
        }
        return values;
    }

    private static List<long> ResolveSeeds(SweepRequest request, int maxMembers, List<FieldError> errors)
    {
        if ((request.SeedCount is null) == (request.Seeds is null))
        {
            errors.Add(new FieldError("seeds", "Give either seedCount (seeds 1 … n) or a list of seeds, not both."));
            return [];
        }
        if (request.SeedCount is { } n)
        {
            if (n < 1 || n > maxMembers) errors.Add(new FieldError("seedCount", $"seedCount must be between 1 and {maxMembers}."));
            return n < 1 || n > maxMembers ? [] : Enumerable.Range(1, n).Select(s => (long)s).ToList();
        }
        var seeds = request.Seeds!.Distinct().ToList();
        if (seeds.Count == 0 || seeds.Count > maxMembers) errors.Add(new FieldError("seeds", $"Give 1 to {maxMembers} seeds."));
        if (seeds.Any(s => s < 0)) errors.Add(new FieldError("seeds", $"Seeds must be non-negative; {seeds.First(s => s < 0)} is not."));
        return seeds;
    }
}
