using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Workers;

/// <summary>
/// Registers this process as a worker and refreshes its heartbeat (Portal:WorkerHeartbeatSeconds); removes the row on
/// a clean stop. Registered before the job server, so it stops after it: the row outlives the runs it hands back.
/// </summary>
public sealed class WorkerHeartbeat(
    IDbContextFactory<PortalDb> dbFactory,
    WorkerIdentity identity,
    IOptions<PortalOptions> options,
    ThisProcess process,
    ILogger<WorkerHeartbeat> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken ct)
    {
        await BeatAsync(ct);
        logger.LogInformation("Worker {Node} registered ({Slots} slot(s), role {Role})", identity.NodeId, options.Value.EffectiveWorkers, process.Role.Label());
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.WorkerHeartbeatSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Heartbeat of worker {Node} failed; trying again", identity.NodeId);
            }
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Workers.Where(w => w.Id == identity.NodeId).ExecuteDeleteAsync(ct);
        }
        catch (ObjectDisposedException)
        {
            // A test host disposed before stopping: the row goes stale and is swept like a crashed worker's.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Worker {Node} could not sign off; its row goes stale instead", identity.NodeId);
        }
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        // The row is written again when missing: a sweeper may have removed it after a long pause of this process.
        if (await db.Workers.Where(w => w.Id == identity.NodeId).ExecuteUpdateAsync(s => s.SetProperty(w => w.HeartbeatAt, now), ct) == 1) return;
        db.Workers.Add(new WorkerNode
        {
            Id = identity.NodeId, Name = identity.Name, Role = process.Role.Label(), Slots = options.Value.EffectiveWorkers, StartedAt = now, HeartbeatAt = now,
        });
        await db.SaveChangesAsync(ct);
    }
}
