using System.Globalization;
using System.Text.Json;
using Compute;

namespace Portal.Features.Compare;

/// <summary>A run's spec as the comparison reads it: model type, model (name and version, null inline), seed, canonical spec JSON.</summary>
public sealed record RunSpecView(Guid Id, string ModelType, string? Model, int? ModelVersion, long Seed, string SpecJson);

/// <summary>
/// Which parameters tell the runs apart, and names for the runs made of them ("alphaMax=0.5, seed 3"). Runs of
/// different model types contribute the union of their parameters; a parameter a run lacks reads as absent.
/// </summary>
public static class SpecDifferences
{
    /// <summary>Labels name at most this many differing parameters; more are cut with "…".</summary>
    private const int MaxLabelParts = 4;

    public static IReadOnlyList<SpecRow> Rows(IReadOnlyList<RunSpecView> runs)
    {
        var parameters = runs.Select(r => Parameters(r.SpecJson)).ToList();
        var rows = new List<SpecRow>
        {
            new("modelType", "Model type", null, runs.Select(r => (string?)r.ModelType).ToList()),
            new("model", "Model", null, runs.Select(r => (string?)(r.Model is null ? "inline" : $"{r.Model} v{r.ModelVersion}")).ToList()),
        };
        // Parameters in the order of the first model type's schema, then those only other types have.
        var names = new List<string>();
        foreach (var type in runs.Select(r => r.ModelType).Distinct())
            foreach (var p in ModelRegistry.Find(type)?.Info.Schema.Parameters.Select(p => p.Name) ?? [])
                if (!names.Contains(p)) names.Add(p);
        foreach (var p in parameters.SelectMany(d => d.Keys))
            if (!names.Contains(p)) names.Add(p);
        foreach (var name in names)
        {
            var spec = runs.Select(r => ModelRegistry.Find(r.ModelType)?.Info.Schema.Parameters.FirstOrDefault(p => p.Name == name)).FirstOrDefault(p => p is not null);
            rows.Add(new SpecRow(name, spec?.Label ?? name, spec?.Unit, parameters.Select(d => d.GetValueOrDefault(name)).ToList()));
        }
        // Last, so that labels read "alphaMax=2, seed 3": the physics first, the repetition after.
        rows.Add(new("seed", "Seed", null, runs.Select(r => (string?)r.Seed.ToString(CultureInfo.InvariantCulture)).ToList()));
        return rows;
    }

    /// <summary>One label per run from the rows that differ; runs that nothing tells apart get their short id.</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<RunSpecView> runs, IReadOnlyList<SpecRow> rows)
    {
        var differing = rows.Where(r => r.Differs).ToList();
        // The model's name says more than its type; the type is named only where the models do not already differ.
        if (differing.Any(r => r.Name == "model")) differing.RemoveAll(r => r.Name == "modelType");
        var labels = new List<string>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var parts = differing.Select(r => Part(r, r.Values[i])).ToList();
            var text = parts.Count > MaxLabelParts ? string.Join(", ", parts.Take(MaxLabelParts)) + ", …" : string.Join(", ", parts);
            labels.Add(text.Length == 0 ? $"run {runs[i].Id.ToString()[..8]}" : text);
        }
        // Runs equal in everything shown (repeats, or differing only beyond the parts named) keep apart by their id.
        for (var i = 0; i < labels.Count; i++)
            if (labels.Count(l => l == labels[i]) > 1 && !labels[i].StartsWith("run ", StringComparison.Ordinal))
                labels[i] = $"{labels[i]} ({runs[i].Id.ToString()[..8]})";
        return labels;
    }

    private static string Part(SpecRow row, string? value) => row.Name switch
    {
        "seed" => $"seed {value}",
        "model" or "modelType" => value ?? "—",
        _ => $"{row.Name}={value ?? "—"}",
    };

    /// <summary>The parameters of a canonical spec as display text (numbers as written, strings unquoted).</summary>
    public static Dictionary<string, string> Parameters(string specJson)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(specJson)) return result;
        using var doc = JsonDocument.Parse(specJson);
        if (!doc.RootElement.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object) return result;
        foreach (var p in parameters.EnumerateObject())
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return result;
    }

    /// <summary>
    /// The one numeric parameter (seed aside) in which the runs differ, for the x axis of metric charts; null when
    /// none or several differ, or a run lacks it.
    /// </summary>
    public static SpecRow? SingleNumericDifference(IReadOnlyList<SpecRow> rows)
    {
        var candidates = rows.Where(r => r.Differs && r.Name is not ("seed" or "model" or "modelType")).ToList();
        return candidates is [var only] && only.Values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) ? only : null;
    }
}
