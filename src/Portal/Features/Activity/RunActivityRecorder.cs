using Microsoft.EntityFrameworkCore;
using Portal.Features.Runs;

namespace Portal.Features.Activity;

/// <summary>
/// Writes "run finished" entries: listens to the run notifier of the process that executes the job, so the
/// compute job itself knows nothing of the activity log. Cancellations are logged by whoever cancelled.
/// </summary>
public sealed class RunActivityRecorder(RunNotifier notifier, IServiceScopeFactory scopes, ILogger<RunActivityRecorder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        notifier.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        notifier.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(RunUpdate update)
    {
        if (update.Status is not (RunStatus.Succeeded or RunStatus.Failed or RunStatus.Interrupted)) return;
        _ = RecordAsync(update);
    }

    private async Task RecordAsync(RunUpdate update)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var log = scope.ServiceProvider.GetRequiredService<ActivityLog>();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Data.PortalDb>>().CreateDbContextAsync();
            var number = await db.Runs.Where(r => r.Id == update.RunId).Select(r => r.Number).FirstOrDefaultAsync();
            await log.RecordAsync(null, ActivityAction.RunFinished, $"run #{number} finished: {update.Status}", update.WorkspaceId, "run", update.RunId.ToString());
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not log the end of run {RunId}", update.RunId);
        }
    }
}
