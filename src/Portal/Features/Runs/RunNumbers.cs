using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Workspaces;

namespace Portal.Features.Runs;

/// <summary>
/// Gives new runs their short per-workspace numbers (#1, #2, …) from the workspace's <see cref="Workspace.RunCount"/>.
/// The counter is raised by one UPDATE before it is read back, inside the transaction that then saves the runs: on
/// PostgreSQL the UPDATE holds the workspace row until commit, on SQLite the transaction holds the database's write
/// lock, so two transactions can never read the same count. The unique index on (WorkspaceId, Number) backs this up.
/// </summary>
public static class RunNumbers
{
    /// <summary>Numbers <paramref name="runs"/> (all of one workspace) in order. Call inside the transaction that saves them.</summary>
    public static async Task AssignAsync(PortalDb db, Guid workspaceId, IReadOnlyList<Run> runs, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Run numbers are assigned inside the transaction that saves the runs.");
        var count = runs.Count;
        await db.Workspaces.Where(w => w.Id == workspaceId).ExecuteUpdateAsync(s => s.SetProperty(w => w.RunCount, w => w.RunCount + count), ct);
        var last = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.RunCount).SingleAsync(ct);
        for (var i = 0; i < count; i++) runs[i].Number = last - count + 1 + i;
    }
}
