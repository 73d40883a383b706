using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Workers;

namespace Portal.Features.Runs;

/// <summary>
/// Makes the queue agree with the database. At start-up: Queued runs are enqueued again (with in-memory job storage
/// this is what makes a restart lose nothing), and runs left Running by a dead worker are re-run (up to MaxAttempts) or
/// marked Interrupted. While the portal runs, <see cref="DeadWorkerSweeper"/> calls <see cref="ReclaimOrphansAsync"/>
/// for runs whose worker's heartbeat went stale.
/// </summary>
public sealed class RunReconciler(IDbContextFactory<PortalDb> dbFactory, RunService runs, IOptions<PortalOptions> options, ILogger<RunReconciler> logger)
{
    /// <param name="embedded">
    /// True for the one-process set-up (SQLite, in-memory jobs): no other process can be running anything, so every Running
    /// run is an orphan. On a shared database only runs of workers without a fresh heartbeat are.
    /// </param>
    public async Task<(int Requeued, int Interrupted)> ReconcileAsync(CancellationToken ct = default, bool embedded = true)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queued = await db.Runs.Where(r => r.Status == RunStatus.Queued && !r.CancelRequested).OrderBy(r => r.CreatedAt).Select(r => r.Id).ToListAsync(ct);
        // Cancelled while queued by a process that died before it could close the run.
        var closedQueued = await db.Runs.Where(r => r.Status == RunStatus.Queued && r.CancelRequested)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow), ct);
        var (requeued, interrupted) = await ReclaimOrphansAsync(db, embedded ? [] : await AliveNodesAsync(db, ct), "the process stopped", enqueue: false, ct);
        var all = queued.Concat(requeued).ToList();
        foreach (var id in all) runs.Enqueue(id);
        if (all.Count + interrupted + closedQueued > 0)
            logger.LogInformation("Reconciled runs at start: {Requeued} re-queued, {Interrupted} closed", all.Count, interrupted + closedQueued);
        return (all.Count, interrupted + closedQueued);
    }

    /// <summary>Node ids of the workers whose heartbeat is fresh.</summary>
    public async Task<HashSet<string>> AliveNodesAsync(PortalDb db, CancellationToken ct)
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-options.Value.WorkerStaleSeconds);
        return (await db.Workers.Select(w => new { w.Id, w.HeartbeatAt }).ToListAsync(ct)).Where(w => w.HeartbeatAt >= since).Select(w => w.Id).ToHashSet();
    }

    /// <summary>
    /// Releases the Running runs whose worker is not among <paramref name="alive"/>: re-queued (ids returned, and enqueued
    /// when <paramref name="enqueue"/>) or closed.
    /// </summary>
    /// <param name="startedBefore">Only runs claimed before this: a worker that registered after <paramref name="alive"/> was read is not dead.</param>
    public async Task<(List<Guid> Requeued, int Closed)> ReclaimOrphansAsync(PortalDb db, IReadOnlySet<string> alive, string why, bool enqueue, CancellationToken ct,
        DateTimeOffset? startedBefore = null)
    {
        var running = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running)
            .Select(r => new Run { Id = r.Id, Attempt = r.Attempt, Worker = r.Worker, CancelRequested = r.CancelRequested, StartedAt = r.StartedAt })
            .ToListAsync(ct);
        var requeued = new List<Guid>();
        var closed = 0;
        var orphans = running.Where(r => !alive.Any(node => WorkerIdentity.IsOnNode(r.Worker, node)) && (startedBefore is null || r.StartedAt < startedBefore));
        foreach (var run in orphans.OrderBy(r => r.StartedAt))
        {
            switch (await RunReclaim.ReleaseAsync(db, run, options.Value.MaxAttempts, why, ct))
            {
                case RunStatus.Queued:
                    requeued.Add(run.Id);
                    if (enqueue) runs.Enqueue(run.Id);
                    break;
                case RunStatus.Interrupted or RunStatus.Cancelled:
                    closed++;
                    break;
            }
            logger.LogWarning("Run {RunId} was left Running by {Worker} ({Why})", run.Id, run.Worker, why);
        }
        return (requeued, closed);
    }
}
