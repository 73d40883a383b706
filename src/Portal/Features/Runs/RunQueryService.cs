using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Workspaces;

namespace Portal.Features.Runs;

/// <summary>
/// The runs table's reads: a page of runs that match a <see cref="RunQuery"/>, in its order, with the total, in SQL on indexed
/// columns (parameters and metrics through <see cref="RunValue"/> rows, never by parsing JSON), and the filtered set streamed for export.
/// </summary>
public sealed class RunQueryService(IDbContextFactory<PortalDb> dbFactory)
{
    public const int MaxExportRows = 10_000;
    public const int MaxExportValueColumns = 200;

    public async Task<Outcome<RunTablePage>> QueryAsync(Caller caller, RunQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, access, refused) = await ScopeAsync(db, caller, query, ct);
        if (runs is null) return refused!;
        var filtered = await FilterAsync(db, runs, query, ct);
        var total = await filtered.CountAsync(ct);
        var rows = await Order(filtered, query.Sort).Skip(query.Page * query.PageSize).Take(query.PageSize).Select(Row(db)).ToListAsync(ct);
        await FillAsync(db, rows, query.Columns, ct);
        return Outcome<RunTablePage>.Ok(new RunTablePage(total, rows, access));
    }

    /// <summary>The same page as whole run summaries (<see cref="RunSummary"/>), for the API's list of runs.</summary>
    public async Task<Outcome<(int Total, List<Run> Runs)>> QueryRunsAsync(Caller caller, RunQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, _, refused) = await ScopeAsync(db, caller, query, ct);
        if (runs is null) return refused!.NotFound ? Outcome<(int, List<Run>)>.Missing() : Outcome<(int, List<Run>)>.Invalid(refused.Errors);
        var filtered = await FilterAsync(db, runs, query, ct);
        var total = await filtered.CountAsync(ct);
        var page = await Order(filtered, query.Sort).Skip(query.Page * query.PageSize).Take(query.PageSize).Select(RunSummary.Projection).ToListAsync(ct);
        return Outcome<(int, List<Run>)>.Ok((total, page));
    }

    /// <summary>The parameters and metrics that runs in the query's scope carry, for column and filter pickers.</summary>
    public async Task<List<ValueColumn>> ValueColumnsAsync(Caller caller, RunQuery scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, _, _) = await ScopeAsync(db, caller, scope, ct);
        if (runs is null) return [];
        var names = await db.RunValues.Where(v => runs.Select(r => r.Id).Contains(v.RunId)).Select(v => new { v.Kind, v.Name }).Distinct()
            .OrderBy(v => v.Kind).ThenBy(v => v.Name).Take(MaxExportValueColumns).ToListAsync(ct);
        return names.Select(n => new ValueColumn(n.Kind, n.Name)).ToList();
    }

    /// <summary>The tags used on runs in the query's scope, most used first.</summary>
    public async Task<List<string>> TagsAsync(Caller caller, RunQuery scope, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, _, _) = await ScopeAsync(db, caller, scope, ct);
        if (runs is null) return [];
        return await db.RunTags.Where(t => runs.Select(r => r.Id).Contains(t.RunId)).GroupBy(t => t.Tag)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).Take(100).ToListAsync(ct);
    }

    /// <summary>
    /// Checks the caller and the size of the filtered set for an export: over <see cref="MaxExportRows"/> runs is refused with a
    /// message that says how many matched, before anything is streamed. Returns the value columns every row will carry.
    /// </summary>
    public async Task<Outcome<List<ValueColumn>>> PrepareExportAsync(Caller caller, RunQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, _, refused) = await ScopeAsync(db, caller, query, ct);
        if (runs is null) return refused!.NotFound ? Outcome<List<ValueColumn>>.Missing() : Outcome<List<ValueColumn>>.Invalid(refused.Errors);
        var filtered = await FilterAsync(db, runs, query, ct);
        var total = await filtered.CountAsync(ct);
        if (total > MaxExportRows)
            return Outcome<List<ValueColumn>>.Invalid("filter",
                $"The filter matches {total} runs; an export holds at most {MaxExportRows}. Narrow it (status, dates, tags, values) and export in parts.");
        var names = await db.RunValues.Where(v => filtered.Select(r => r.Id).Contains(v.RunId)).Select(v => new { v.Kind, v.Name }).Distinct()
            .OrderBy(v => v.Kind).ThenBy(v => v.Name).Take(MaxExportValueColumns).ToListAsync(ct);
        return Outcome<List<ValueColumn>>.Ok(names.Select(n => new ValueColumn(n.Kind, n.Name)).ToList());
    }

    /// <summary>Every run the query matches, in its order, page by page from the database (call <see cref="PrepareExportAsync"/> first).</summary>
    public async IAsyncEnumerable<RunRow> StreamAsync(Caller caller, RunQuery query, IReadOnlyList<ValueColumn> columns,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        const int batch = 500;
        for (var page = 0; page * batch < MaxExportRows; page++)
        {
            var outcome = await QueryAsync(caller, query with { Page = page, PageSize = batch, Columns = columns }, ct);
            if (!outcome.Succeeded) yield break;
            foreach (var row in outcome.Value!.Rows) yield return row;
            if (outcome.Value.Rows.Count < batch) yield break;
        }
    }

    /// <summary>The runs the caller may see in the query's scope, and their access there; or why not (null runs).</summary>
    private static async Task<(IQueryable<Run>? Runs, WorkspaceAccess Access, Outcome<RunTablePage>? Refused)> ScopeAsync(
        PortalDb db, Caller caller, RunQuery query, CancellationToken ct)
    {
        var runs = db.Runs.AsNoTracking();
        if (query.AllWorkspaces)
            return caller.IsAdmin
                ? (runs, new WorkspaceAccess(AccessKind.Admin, null, false, caller.ReadOnlyToken), null)
                : (null, WorkspaceAccess.None, Outcome<RunTablePage>.Missing());

        var workspaceId = query.WorkspaceId;
        if (query.SweepId is { } sweepId)
        {
            var sweep = await db.Sweeps.AsNoTracking().Where(s => s.Id == sweepId).Select(s => (Guid?)s.WorkspaceId).FirstOrDefaultAsync(ct);
            if (sweep is null || (workspaceId is { } w && w != sweep)) return (null, WorkspaceAccess.None, Outcome<RunTablePage>.Missing());
            workspaceId = sweep;
            runs = runs.Where(r => r.SweepId == sweepId);
        }
        if (query.ModelId is { } modelId)
        {
            var model = await db.Models.AsNoTracking().Where(m => m.Id == modelId).Select(m => (Guid?)m.WorkspaceId).FirstOrDefaultAsync(ct);
            if (model is null || (workspaceId is { } w && w != model)) return (null, WorkspaceAccess.None, Outcome<RunTablePage>.Missing());
            workspaceId = model;
            runs = query.ModelVersion is { } version
                ? runs.Where(r => r.ModelVersion!.ModelId == modelId && r.ModelVersion.Version == version)
                : runs.Where(r => r.ModelVersion!.ModelId == modelId);
        }
        else if (query.ModelVersion is not null)
            return (null, WorkspaceAccess.None, Outcome<RunTablePage>.Invalid("version", "version needs modelId: it numbers the versions of one model."));
        if (workspaceId is not { } ws)
            return (null, WorkspaceAccess.None, Outcome<RunTablePage>.Invalid("workspaceId", "Name the runs to list: workspaceId, modelId or sweepId."));

        var access = await WorkspaceService.AccessAsync(db, caller, ws, ct);
        if (!access.CanRead) return (null, access, Outcome<RunTablePage>.Missing());
        return (runs.Where(r => r.WorkspaceId == ws), access, null);
    }

    private static async Task<IQueryable<Run>> FilterAsync(PortalDb db, IQueryable<Run> runs, RunQuery query, CancellationToken ct)
    {
        if (query.Statuses.Count == 1)
        {
            var status = query.Statuses[0];
            runs = runs.Where(r => r.Status == status);
        }
        else if (query.Statuses.Count > 1)
        {
            // Inlined, so SQLite and PostgreSQL use the (workspace, status, created) index instead of a JSON parameter list.
            var statuses = query.Statuses.ToArray();
            runs = runs.Where(r => EF.Constant(statuses).Contains(r.Status));
        }
        if (query.Verdicts.Count > 0)
        {
            var verdicts = query.Verdicts.Cast<RunVerdict?>().ToArray();
            runs = runs.Where(r => EF.Constant(verdicts).Contains(r.Verdict));
        }
        if (query.ModelType is { } type) runs = runs.Where(r => r.ModelType == type);
        if (query.Author is { } author)
        {
            var authorId = author.Contains('@')
                ? await db.Users.Where(u => u.NormalizedEmail == author.ToUpperInvariant()).Select(u => u.Id).FirstOrDefaultAsync(ct) ?? ""
                : author;
            runs = runs.Where(r => r.CreatedById == authorId);
        }
        if (query.CreatedFrom is { } from)
        {
            var utc = from.ToUniversalTime();
            runs = runs.Where(r => r.CreatedAt >= utc);
        }
        if (query.CreatedBefore is { } before)
        {
            var utc = before.ToUniversalTime();
            runs = runs.Where(r => r.CreatedAt < utc);
        }
        foreach (var tag in query.Tags) runs = runs.Where(r => r.Tags.Any(t => t.Tag == tag));
        foreach (var c in query.Values) runs = runs.Where(Matches(c));
        return runs;
    }

    private static Expression<Func<Run, bool>> Matches(ValueCondition c)
    {
        var (kind, name, x) = (c.Kind, c.Name, c.Value);
        // "alpha=0.3" means the stored double nearest to 0.3, whatever rounding the spec's canonical JSON went through.
        var slack = 1e-9 * Math.Max(1, Math.Abs(x));
        var (lo, hi) = (x - slack, x + slack);
        return c.Comparison switch
        {
            ValueComparison.Less => r => r.Values.Any(v => v.Kind == kind && v.Name == name && v.Value < x),
            ValueComparison.LessOrEqual => r => r.Values.Any(v => v.Kind == kind && v.Name == name && v.Value <= x),
            ValueComparison.Greater => r => r.Values.Any(v => v.Kind == kind && v.Name == name && v.Value > x),
            ValueComparison.GreaterOrEqual => r => r.Values.Any(v => v.Kind == kind && v.Name == name && v.Value >= x),
            ValueComparison.Equal => r => r.Values.Any(v => v.Kind == kind && v.Name == name && v.Value >= lo && v.Value <= hi),
            _ => r => r.Values.Any(v => v.Kind == kind && v.Name == name && (v.Value < lo || v.Value > hi)),
        };
    }

    private static IQueryable<Run> Order(IQueryable<Run> runs, RunSort sort)
    {
        if (sort.Key is RunSortKey.Parameter or RunSortKey.Metric)
        {
            var kind = sort.Key == RunSortKey.Parameter ? RunValueKind.Parameter : RunValueKind.Metric;
            var name = sort.Name!;
            // Runs without the value come last in either direction (SQLite and PostgreSQL disagree on where NULLs go).
            var ordered = runs.OrderBy(r => r.Values.Any(v => v.Kind == kind && v.Name == name) ? 0 : 1);
            Expression<Func<Run, double?>> value = r => r.Values.Where(v => v.Kind == kind && v.Name == name).Select(v => (double?)v.Value).FirstOrDefault();
            return (sort.Descending ? ordered.ThenByDescending(value) : ordered.ThenBy(value)).ThenByDescending(r => r.CreatedAt);
        }
        var first = sort.Key switch
        {
            RunSortKey.Finished => By(runs, r => r.FinishedAt, sort.Descending),
            RunSortKey.Status => By(runs, r => r.Status, sort.Descending),
            RunSortKey.ModelType => By(runs, r => r.ModelType, sort.Descending),
            RunSortKey.Model => By(runs, r => r.ModelVersion == null ? null : r.ModelVersion.Model!.Name, sort.Descending),
            RunSortKey.Seed => By(runs, r => r.Seed, sort.Descending),
            RunSortKey.Author => By(runs, r => r.CreatedById, sort.Descending),
            _ => By(runs, r => r.CreatedAt, sort.Descending),
        };
        return sort.Key == RunSortKey.Created ? first.ThenByDescending(r => r.Id) : first.ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);
    }

    private static IOrderedQueryable<Run> By<TKey>(IQueryable<Run> runs, Expression<Func<Run, TKey>> key, bool descending) =>
        descending ? runs.OrderByDescending(key) : runs.OrderBy(key);

    private static Expression<Func<Run, RunRow>> Row(PortalDb db) => r => new RunRow
    {
        Id = r.Id, Number = r.Number, WorkspaceId = r.WorkspaceId, ModelType = r.ModelType, Seed = r.Seed, Status = r.Status, Progress = r.Progress, Stage = r.Stage,
        AuthorId = r.CreatedById, CreatedAt = r.CreatedAt, StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, SweepId = r.SweepId, Note = r.Note, Error = r.Error, Verdict = r.Verdict, Worker = r.Worker,
        ModelId = r.ModelVersion == null ? null : r.ModelVersion.ModelId,
        ModelName = r.ModelVersion == null ? null : r.ModelVersion.Model!.Name,
        ModelVersion = r.ModelVersion == null ? null : r.ModelVersion.Version,
        Author = db.Users.Where(u => u.Id == r.CreatedById).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefault(),
        Workspace = db.Workspaces.Where(w => w.Id == r.WorkspaceId).Select(w => w.Name).FirstOrDefault(),
    };

    /// <summary>Tags and the asked-for values of a page of rows: two small queries by run id instead of joins that multiply rows.</summary>
    private static async Task FillAsync(PortalDb db, List<RunRow> rows, IReadOnlyList<ValueColumn> columns, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.RunTags.Where(t => ids.Contains(t.RunId)).Select(t => new { t.RunId, t.Tag }).ToListAsync(ct))
            .ToLookup(t => t.RunId, t => t.Tag);
        foreach (var row in rows) row.Tags = tags[row.Id].Order().ToList();
        // Specs for the page's rows only: in the main query they would be carried through every sort.
        var specs = await db.Runs.Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.SpecJson }).ToDictionaryAsync(r => r.Id, r => r.SpecJson, ct);
        foreach (var row in rows) row.SpecJson = specs.GetValueOrDefault(row.Id);
        if (columns.Count == 0) return;
        var names = columns.Select(c => c.Name).Distinct().ToList();
        var values = (await db.RunValues.Where(v => ids.Contains(v.RunId) && names.Contains(v.Name)).ToListAsync(ct)).ToLookup(v => v.RunId);
        var wanted = columns.Select(c => c.Key).ToHashSet();
        foreach (var row in rows)
            row.Values = values[row.Id].Select(v => (Key: new ValueColumn(v.Kind, v.Name).Key, v.Value)).Where(v => wanted.Contains(v.Key))
                .ToDictionary(v => v.Key, v => v.Value);
    }
}
