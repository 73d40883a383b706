using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Runs;

/// <summary>
/// At start-up, makes the queue agree with the database: Queued runs are enqueued again, runs left
/// Running by a dead process are re-run (up to MaxAttempts) or marked Interrupted. With in-memory job
/// storage this is what makes a restart lose nothing.
/// </summary>
public sealed class RunReconciler(IDbContextFactory<PortalDb> dbFactory, RunService runs, IOptions<PortalOptions> options, ILogger<RunReconciler> logger)
{
    public async Task<(int Requeued, int Interrupted)> ReconcileAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requeue = new List<Guid>();
        var interrupted = 0;
        var open = await db.Runs.Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        foreach (var run in open)
        {
            if (run.Status == RunStatus.Queued && !run.CancelRequested)
            {
                requeue.Add(run.Id);
            }
            else if (run.Status == RunStatus.Running && !run.CancelRequested && run.Attempt < options.Value.MaxAttempts)
            {
                run.Status = RunStatus.Queued;
                run.Stage = $"re-queued after an interruption (attempt {run.Attempt} of {options.Value.MaxAttempts})";
                requeue.Add(run.Id);
            }
            else
            {
                run.Status = run.CancelRequested ? RunStatus.Cancelled : RunStatus.Interrupted;
                run.Error = run.CancelRequested ? null
                    : $"The run was interrupted {run.Attempt} time(s) by a stopped worker ({run.Worker}) and was not retried again.";
                run.FinishedAt = DateTimeOffset.UtcNow;
                interrupted++;
            }
        }
        await db.SaveChangesAsync(ct);
        foreach (var id in requeue) runs.Enqueue(id);
        if (open.Count > 0)
            logger.LogInformation("Reconciled runs at start: {Requeued} re-queued, {Interrupted} closed", requeue.Count, interrupted);
        return (requeue.Count, interrupted);
    }
}
