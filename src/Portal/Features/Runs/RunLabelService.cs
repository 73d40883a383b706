using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Runs;

/// <summary>The tags and note of a run, as stored.</summary>
public sealed record RunLabelSet(Guid RunId, IReadOnlyList<string> Tags, string? Note);

/// <summary>Tags and notes on runs: the workspace's Editors set them (also on finished runs: they describe, never change, a result).</summary>
public sealed class RunLabelService(IDbContextFactory<PortalDb> dbFactory)
{
    public async Task<RunLabelSet?> GetAsync(Caller caller, Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.WorkspaceId, r.Note }).FirstOrDefaultAsync(ct);
        if (run is null || !(await WorkspaceService.AccessAsync(db, caller, run.WorkspaceId, ct)).CanRead) return null;
        var tags = await db.RunTags.Where(t => t.RunId == runId).Select(t => t.Tag).OrderBy(t => t).ToListAsync(ct);
        return new RunLabelSet(runId, tags, run.Note);
    }

    /// <summary>Replaces the run's tags.</summary>
    public async Task<Outcome<RunLabelSet>> SetTagsAsync(Caller caller, Guid runId, IReadOnlyList<string?>? tags, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var normalized = RunLabels.Tags(tags, "tags", errors);
        if (RunLabels.TooMany(normalized.Count, "tags") is { } tooMany) errors.Add(tooMany);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, refused) = await BulkSelection.LoadAsync<RunLabelSet>(db, caller, [runId], Permission.Edit, ct);
        if (runs is null) return refused!;
        if (errors.Count > 0) return Outcome<RunLabelSet>.Invalid(errors);
        var run = runs[0];
        var existing = await db.RunTags.Where(t => t.RunId == runId).ToListAsync(ct);
        db.RunTags.RemoveRange(existing.Where(t => !normalized.Contains(t.Tag)));
        db.RunTags.AddRange(normalized.Where(t => existing.All(e => e.Tag != t)).Select(t => new RunTag { RunId = runId, Tag = t }));
        await LogAsync(db, caller, ActivityAction.RunTagged, run, $"tagged run {run.Label}: {(normalized.Count == 0 ? "no tags" : string.Join(", ", normalized))}", ct);
        await db.SaveChangesAsync(ct);
        return Outcome<RunLabelSet>.Ok(new RunLabelSet(runId, normalized.Order().ToList(), run.Note));
    }

    public async Task<Outcome<RunLabelSet>> SetNoteAsync(Caller caller, Guid runId, string? note, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var stored = RunLabels.Note(note, errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, refused) = await BulkSelection.LoadAsync<RunLabelSet>(db, caller, [runId], Permission.Edit, ct);
        if (runs is null) return refused!;
        if (errors.Count > 0) return Outcome<RunLabelSet>.Invalid(errors);
        var run = runs[0];
        run.Note = stored;
        await LogAsync(db, caller, ActivityAction.RunNoteEdited, run, $"{(stored is null ? "cleared the note of" : "wrote a note on")} run {run.Label}", ct);
        await db.SaveChangesAsync(ct);
        var tags = await db.RunTags.Where(t => t.RunId == runId).Select(t => t.Tag).OrderBy(t => t).ToListAsync(ct);
        return Outcome<RunLabelSet>.Ok(new RunLabelSet(runId, tags, stored));
    }

    /// <summary>Adds and removes tags on many runs at once; returns how many runs changed.</summary>
    public async Task<Outcome<int>> TagManyAsync(Caller caller, IReadOnlyCollection<Guid>? runIds, IReadOnlyList<string?>? add, IReadOnlyList<string?>? remove,
        CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var adding = RunLabels.Tags(add, "add", errors);
        var removing = RunLabels.Tags(remove, "remove", errors);
        if (errors.Count == 0 && adding.Count + removing.Count == 0) errors.Add(new FieldError("add", "Name at least one tag to add or remove."));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (runs, refused) = await BulkSelection.LoadAsync<int>(db, caller, runIds, Permission.Edit, ct);
        if (runs is null) return refused!;
        if (errors.Count > 0) return Outcome<int>.Invalid(errors);
        var ids = runs.Select(r => r.Id).ToList();
        var existing = (await db.RunTags.Where(t => ids.Contains(t.RunId)).ToListAsync(ct)).ToLookup(t => t.RunId);
        var changed = 0;
        foreach (var run in runs)
        {
            var current = existing[run.Id].ToList();
            var gone = current.Where(t => removing.Contains(t.Tag)).ToList();
            var added = adding.Where(t => !removing.Contains(t) && current.All(c => c.Tag != t)).ToList();
            if (RunLabels.TooMany(current.Count - gone.Count + added.Count, "add") is { } tooMany)
                return Outcome<int>.Invalid("add", $"Run {run.Label}: {tooMany.Message}");
            db.RunTags.RemoveRange(gone);
            db.RunTags.AddRange(added.Select(t => new RunTag { RunId = run.Id, Tag = t }));
            if (gone.Count + added.Count > 0) changed++;
        }
        var summary = $"tagged {runs.Count} run{(runs.Count == 1 ? "" : "s")}"
                      + (adding.Count > 0 ? $" +{string.Join(", +", adding)}" : "") + (removing.Count > 0 ? $" −{string.Join(", −", removing)}" : "");
        foreach (var workspace in runs.GroupBy(r => r.WorkspaceId))
            await LogAsync(db, caller, ActivityAction.RunTagged, workspace.First(), summary, ct, workspace.Count() == 1);
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Ok(changed);
    }

    private static async Task LogAsync(PortalDb db, Caller caller, string action, Run run, string summary, CancellationToken ct, bool oneRun = true)
    {
        var workspace = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == run.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, action, summary, workspace, oneRun ? "run" : null, oneRun ? run.Id.ToString() : null, ct: ct);
    }
}
