using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Runs;

namespace Portal.Features.Workers;

/// <summary>
/// Every few seconds, in every process: runs left Running by a worker whose heartbeat went stale (a crash, a lost
/// machine) are re-queued up to the attempt limit or closed as Interrupted with the reason; long-dead worker rows are
/// removed. It also tops up the job queue when runs wait with no job to take them (a job lost with a worker): the
/// database row, not the job, is the source of truth.
/// </summary>
public sealed class DeadWorkerSweeper(
    IServiceScopeFactory scopes,
    IOptions<PortalOptions> options,
    ILogger<DeadWorkerSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.WorkerHeartbeatSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sweeping dead workers failed; trying again");
            }
        }
    }

    /// <summary>One sweep; returns the runs re-queued and closed.</summary>
    public async Task<(int Requeued, int Closed)> SweepAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDb>>();
        var reconciler = scope.ServiceProvider.GetRequiredService<RunReconciler>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stale = TimeSpan.FromSeconds(options.Value.WorkerStaleSeconds);
        var now = DateTimeOffset.UtcNow;
        var alive = await reconciler.AliveNodesAsync(db, ct);
        var (requeued, closed) = await reconciler.ReclaimOrphansAsync(db, alive, $"its heartbeat stopped for over {stale.TotalSeconds:0} s", enqueue: true, ct, startedBefore: now - stale);

        var forgotten = (await db.Workers.Select(w => new { w.Id, w.HeartbeatAt }).ToListAsync(ct)).Where(w => w.HeartbeatAt < now - TimeSpan.FromHours(1)).Select(w => w.Id).ToList();
        if (forgotten.Count > 0) await db.Workers.Where(w => forgotten.Contains(w.Id)).ExecuteDeleteAsync(ct);

        await TopUpAsync(db, scope.ServiceProvider, alive.Count, now - stale, ct);
        return (requeued.Count, closed);
    }

    /// <summary>
    /// When runs have waited longer than the stale period while no job is queued and a live worker is idle, enqueue jobs
    /// for them. Surplus jobs are harmless (a slot with nothing to take finishes at once); a missing one would strand a run.
    /// </summary>
    private async Task TopUpAsync(PortalDb db, IServiceProvider services, int aliveWorkers, DateTimeOffset waitingSince, CancellationToken ct)
    {
        if (aliveWorkers == 0) return;
        var waiting = (await db.Runs.Where(r => r.Status == RunStatus.Queued && !r.CancelRequested).Select(r => new { r.Id, r.CreatedAt }).ToListAsync(ct))
            .Where(r => r.CreatedAt < waitingSince).ToList();
        if (waiting.Count == 0) return;
        var storage = services.GetRequiredService<JobStorage>();
        var monitoring = storage.GetMonitoringApi();
        if (monitoring.EnqueuedCount(ExecuteRunJob.QueueName) > 0) return;
        var slots = (await db.Workers.Select(w => w.Slots).ToListAsync(ct)).Sum();
        var running = await db.Runs.CountAsync(r => r.Status == RunStatus.Running, ct);
        var idle = Math.Min(waiting.Count, slots - running);
        if (idle <= 0) return;
        var runs = services.GetRequiredService<RunService>();
        foreach (var run in waiting.Take(idle)) runs.Enqueue(run.Id);
        logger.LogInformation("{Count} queued run(s) had no job to take them; enqueued", idle);
    }
}
