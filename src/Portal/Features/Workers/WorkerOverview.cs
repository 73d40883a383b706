using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Features.Workspaces;

namespace Portal.Features.Workers;

public sealed record RunningOnWorker(Guid RunId, string ModelType, string? User, double Progress, DateTimeOffset? StartedAt, int Number = 0);

public sealed record WorkerRow(WorkerNode Node, bool Alive, IReadOnlyList<RunningOnWorker> Running);

/// <param name="Jobs">Jobs waiting in Hangfire's queue of that name.</param>
public sealed record QueueRow(string Name, long Jobs, int QueuedRuns, int RunningRuns, bool Paused);

public sealed record WorkerStatus(IReadOnlyList<WorkerRow> Workers, IReadOnlyList<QueueRow> Queues, IReadOnlyList<RunningOnWorker> RunningElsewhere);

/// <summary>What the admin's workers page shows: the registered workers and their runs, and the queues with their depth.</summary>
public sealed class WorkerOverview(IDbContextFactory<PortalDb> dbFactory, JobStorage storage, IOptions<PortalOptions> options)
{
    /// <summary>Null for callers who are not admins.</summary>
    public async Task<WorkerStatus?> ReadAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsAdmin) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var nodes = await db.Workers.AsNoTracking().ToListAsync(ct);
        var running = await (from r in db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running)
                             join u in db.Users on r.CreatedById equals u.Id into users
                             from u in users.DefaultIfEmpty()
                             select new { r.Id, r.Number, r.ModelType, User = u == null ? null : u.Email, r.Progress, r.StartedAt, r.Worker }).ToListAsync(ct);
        var since = DateTimeOffset.UtcNow.AddSeconds(-options.Value.WorkerStaleSeconds);
        var rows = nodes.OrderBy(n => n.Name).ThenBy(n => n.StartedAt)
            .Select(n => new WorkerRow(n, n.HeartbeatAt >= since,
                running.Where(r => WorkerIdentity.IsOnNode(r.Worker, n.Id)).Select(r => new RunningOnWorker(r.Id, r.ModelType, r.User, r.Progress, r.StartedAt, r.Number)).ToList()))
            .ToList();
        var elsewhere = running.Where(r => !nodes.Any(n => WorkerIdentity.IsOnNode(r.Worker, n.Id)))
            .Select(r => new RunningOnWorker(r.Id, r.ModelType, r.User, r.Progress, r.StartedAt, r.Number)).ToList();

        var queuedRuns = await db.Runs.CountAsync(r => r.Status == RunStatus.Queued && !r.CancelRequested, ct);
        var paused = await db.Settings.AnyAsync(s => s.Key == ComputeQueue.PausedKey && s.Value == "true", ct);
        var hangfireQueues = storage.GetMonitoringApi().Queues();
        var compute = hangfireQueues.FirstOrDefault(q => q.Name == ExecuteRunJob.QueueName)?.Length ?? 0;
        var queues = new List<QueueRow> { new(ExecuteRunJob.QueueName, compute, queuedRuns, running.Count, paused) };
        queues.AddRange(hangfireQueues.Where(q => q.Name != ExecuteRunJob.QueueName).Select(q => new QueueRow(q.Name, q.Length, 0, 0, false)));
        return new WorkerStatus(rows, queues, elsewhere);
    }
}
