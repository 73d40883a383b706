using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Runs;

/// <summary>
/// What happens to a run left Running by a worker that is gone: re-queued while attempts remain, otherwise closed as
/// Interrupted with the reason (or Cancelled when a cancel was pending). Each change is conditional on the row still
/// being the same attempt on the same worker, so two processes reclaiming at once cannot both act.
/// </summary>
public static class RunReclaim
{
    public static async Task<RunStatus?> ReleaseAsync(PortalDb db, Run run, int maxAttempts, string why, CancellationToken ct = default)
    {
        var same = db.Runs.Where(r => r.Id == run.Id && r.Status == RunStatus.Running && r.Attempt == run.Attempt && r.Worker == run.Worker);
        if (run.CancelRequested)
        {
            var cancelled = await same.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled)
                .SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow).SetProperty(r => r.Stage, "cancelled"), ct);
            return cancelled == 1 ? RunStatus.Cancelled : null;
        }
        if (run.Attempt < maxAttempts)
        {
            var stage = $"re-queued after an interruption: {why} (attempt {run.Attempt} of {maxAttempts})";
            var requeued = await same.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Queued)
                .SetProperty(r => r.Stage, Clip(stage)).SetProperty(r => r.Worker, (string?)null), ct);
            return requeued == 1 ? RunStatus.Queued : null;
        }
        var error = $"The run was interrupted {run.Attempt} time(s) by a stopped worker ({run.Worker}: {why}) and was not retried again.";
        var closed = await same.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted)
            .SetProperty(r => r.Error, error).SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow).SetProperty(r => r.Stage, "interrupted"), ct);
        return closed == 1 ? RunStatus.Interrupted : null;
    }

    private static string Clip(string s) => s.Length > 200 ? s[..200] : s;
}
