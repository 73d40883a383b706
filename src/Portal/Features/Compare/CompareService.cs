using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
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
        return new Comparison
        {
            Runs = visible.Select((r, i) => new ComparedRun(r.Id, labels[i], r.ModelType, r.Model, r.Version, r.Seed, r.Status, r.SoftwareVersion, r.CreatedAt,
                docs[i]?.Checks.GroupBy(c => c.Verdict).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<Verdict, int>())).ToList(),
            Hidden = ids.Count - visible.Count,
            Spec = spec,
            Metrics = metrics,
            Figures = CompareFigures.Overlay(withResults),
            Series = CompareFigures.Series(withResults),
            MetricCharts = CompareFigures.MetricCharts(metrics, SpecDifferences.SingleNumericDifference(spec)),
        };
    }
}
