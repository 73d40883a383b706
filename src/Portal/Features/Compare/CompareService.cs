using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Compute;
using Shared.Results;

namespace Portal.Features.Compare;

/// <summary>Builds a <see cref="Comparison"/> of the runs the caller may read, in two queries (specs, then results) whatever their number.</summary>
public sealed class CompareService(IDbContextFactory<PortalDb> dbFactory, WorkspaceService workspaces, RunService runs)
{
    public async Task<Comparison> CompareAsync(Caller caller, IReadOnlyList<Guid> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id, r.WorkspaceId, r.ModelType, r.Seed, r.SpecJson, r.Status, r.SoftwareVersion, r.CreatedAt,
                Model = r.ModelVersion == null ? null : r.ModelVersion.Model!.Name, Version = r.ModelVersion == null ? (int?)null : r.ModelVersion.Version,
            }).ToListAsync(ct);
        var readable = new Dictionary<Guid, bool>();
        foreach (var ws in rows.Select(r => r.WorkspaceId).Distinct())
            readable[ws] = (await workspaces.AccessAsync(caller, ws, ct)).CanRead;
        var byId = rows.Where(r => readable[r.WorkspaceId]).ToDictionary(r => r.Id);
        var visible = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();

        var results = await runs.ResultsAsync(caller, visible.Where(r => r.Status == RunStatus.Succeeded).Select(r => r.Id).ToList(), ct);
        var specs = visible.Select(r => new RunSpecView(r.Id, r.ModelType, r.Model, r.Version, r.Seed, r.SpecJson)).ToList();
        var spec = SpecDifferences.Rows(specs);
        var labels = SpecDifferences.Labels(specs, spec);
        var docs = visible.Select(r => results.GetValueOrDefault(r.Id)).ToList();
        var withResults = visible.Select((r, i) => (Label: labels[i], Result: docs[i])).Where(x => x.Result is not null).Select(x => (x.Label, x.Result!)).ToList();
        var metrics = CompareFigures.Metrics(docs);
        var differing = SpecDifferences.SingleNumericDifference(spec);
        return new Comparison
        {
            Runs = visible.Select((r, i) => new ComparedRun(r.Id, labels[i], r.ModelType, r.Model, r.Version, r.Seed, r.Status, r.SoftwareVersion, r.CreatedAt,
                docs[i]?.Checks.GroupBy(c => c.Verdict).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<Verdict, int>())).ToList(),
            Hidden = ids.Count - visible.Count,
            Spec = spec,
            Metrics = metrics,
            Figures = CompareFigures.Overlay(withResults),
            Series = CompareFigures.Series(withResults),
            MetricCharts = CompareFigures.MetricCharts(metrics, differing, differing is null ? null : TheoryOver(differing.Name, specs)),
        };
    }

    /// <summary>
    /// The theory the runs' model type knows for a metric over the one parameter in which they differ, with every other
    /// parameter as the runs share it; null when the runs mix model types or the type knows no theory.
    /// </summary>
    private static Func<string, double, double, SweepTheory>? TheoryOver(string parameter, IReadOnlyList<RunSpecView> specs)
    {
        if (specs.Select(s => s.ModelType).Distinct().Count() != 1 || Compute.ModelRegistry.Find(specs[0].ModelType) is not { } type
            || type is not ISweepTheory theory) return null;
        Dictionary<string, System.Text.Json.JsonElement> parameters;
        try
        {
            using var spec = System.Text.Json.JsonDocument.Parse(specs[0].SpecJson);
            if (!spec.RootElement.TryGetProperty("parameters", out var p) || p.ValueKind != System.Text.Json.JsonValueKind.Object) return null;
            parameters = p.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.Clone());
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        var errors = new List<Shared.Models.FieldError>();
        var values = type.Info.Schema.Resolve(parameters, errors);
        if (errors.Count > 0) return null;
        return (metric, xMin, xMax) => theory.Theory(new SweepTheoryQuery(metric, parameter, null, values, xMin, xMax));
    }
}
