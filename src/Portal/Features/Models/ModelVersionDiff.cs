using System.Text.Json;
using Compute;
using Shared.Models;

namespace Portal.Features.Models;

/// <summary>One parameter whose value differs between two versions; a side is null when that version lacks it.</summary>
public sealed record ParameterChange(string Name, string Label, string? Old, string? New);

/// <summary>
/// What changed from version <see cref="From"/> to version <see cref="To"/> of a model: the parameters whose values differ
/// (a value that applies in neither version is no change a run can see, so it is left out) and the pinned data set.
/// </summary>
public sealed record ModelVersionDiff(int From, int To, IReadOnlyList<ParameterChange> Parameters, Guid? OldDataset, Guid? NewDataset)
{
    public bool DatasetChanged => OldDataset != NewDataset;

    public bool Same => Parameters.Count == 0 && !DatasetChanged;

    public static ModelVersionDiff Between(string modelType, ModelVersion from, ModelVersion to)
    {
        var schema = ModelRegistry.Find(modelType)?.Info.Schema;
        var a = Parse(from.ParametersJson);
        var b = Parse(to.ParametersJson);
        var changes = new List<ParameterChange>();
        // Schema order first (the order of the form), then names the schema no longer knows.
        var names = (schema?.Parameters.Select(p => p.Name) ?? []).Concat(a.Keys.Concat(b.Keys).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var old = a.TryGetValue(name, out var x) ? Text(x) : null;
            var @new = b.TryGetValue(name, out var y) ? Text(y) : null;
            if (old == @new) continue;
            var spec = schema?.Find(name);
            if (spec is not null && !Applies(schema!, spec, a) && !Applies(schema!, spec, b)) continue;
            changes.Add(new ParameterChange(name, spec?.Label ?? name, old, @new));
        }
        return new ModelVersionDiff(from.Version, to.Version, changes, from.DatasetId, to.DatasetId);
    }

    private static bool Applies(ModelSchema schema, ParameterSpec spec, Dictionary<string, JsonElement> values) =>
        schema.Applies(spec, name => values.TryGetValue(name, out var v) ? Text(v) : null);

    private static Dictionary<string, JsonElement> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => v.GetRawText(),
    };
}
