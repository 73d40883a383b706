using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;

namespace Portal.Features.Runs;

/// <summary>What a bulk action did: how many runs it acted on, and how many it left as they were (with the reason).</summary>
public sealed record BulkResult(int Done, int Skipped, string? SkippedWhy = null);

/// <summary>Cancelling and deleting selected runs. Deleting is for the workspace's Owners and only for finished runs.</summary>
public sealed class RunBulkService(IDbContextFactory<PortalDb> dbFactory, RunService runs)
{
    public async Task<Outcome<BulkResult>> CancelAsync(Caller caller, IReadOnlyCollection<Guid>? runIds, CancellationToken ct = default)
    {
        List<Run> selected;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var (loaded, refused) = await BulkSelection.LoadAsync<BulkResult>(db, caller, runIds, Permission.Run, ct);
            if (loaded is null) return refused!;
            selected = loaded;
        }
        var done = 0;
        foreach (var run in selected.Where(r => !r.IsFinished))
            if ((await runs.CancelAsync(caller, run.Id, ct)).Succeeded) done++;
        var skipped = selected.Count - done;
        return Outcome<BulkResult>.Ok(new BulkResult(done, skipped, skipped > 0 ? "already finished" : null));
    }

    /// <summary>
    /// Deletes finished runs with their tags, values, comments and share links. Queued or running runs are refused as a whole
    /// action: cancel them first, so that no worker ever writes into a deleted row.
    /// </summary>
    public async Task<Outcome<BulkResult>> DeleteAsync(Caller caller, IReadOnlyCollection<Guid>? runIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (selected, refused) = await BulkSelection.LoadAsync<BulkResult>(db, caller, runIds, Permission.Delete, ct);
        if (selected is null) return refused!;
        var active = selected.Where(r => !r.IsFinished).ToList();
        if (active.Count > 0)
            return Outcome<BulkResult>.Invalid("runIds",
                $"{active.Count} of the selected runs {(active.Count == 1 ? "is" : "are")} still queued or running ({string.Join(", ", active.Take(5).Select(r => r.Label))}); cancel {(active.Count == 1 ? "it" : "them")} first.");
        var ids = selected.Select(r => r.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var comments = db.Comments.Where(c => c.Target == Comments.CommentTarget.Run && ids.Contains(c.TargetId));
        await db.Mentions.Where(m => comments.Select(c => c.Id).Contains(m.CommentId)).ExecuteDeleteAsync(ct);
        await comments.ExecuteDeleteAsync(ct);
        await db.ShareLinks.Where(l => l.Target == Sharing.ShareTarget.Run && ids.Contains(l.TargetId)).ExecuteDeleteAsync(ct);
        await db.RunTags.Where(t => ids.Contains(t.RunId)).ExecuteDeleteAsync(ct);
        await db.RunValues.Where(v => ids.Contains(v.RunId)).ExecuteDeleteAsync(ct);
        await db.Runs.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct);
        foreach (var workspace in selected.GroupBy(r => r.WorkspaceId))
        {
            var ws = await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == workspace.Key, ct);
            var list = workspace.ToList();
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.RunDeleted,
                $"deleted {list.Count} run{(list.Count == 1 ? "" : "s")}: {string.Join(", ", list.Take(20).Select(r => $"{r.Label} ({r.ModelType}, seed {r.Seed}, {r.Status})"))}{(list.Count > 20 ? ", …" : "")}",
                ws, list.Count == 1 ? "run" : null, list.Count == 1 ? list[0].Id.ToString() : null, ct: ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome<BulkResult>.Ok(new BulkResult(selected.Count, 0));
    }
}
