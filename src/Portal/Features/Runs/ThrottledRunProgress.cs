using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Shared.Runs;

namespace Portal.Features.Runs;

/// <summary>
/// The progress sink handed to a computation: keeps the latest report and writes it to the row and the
/// notifier at most once a second, so a chatty computation costs nothing but a timestamp comparison.
/// </summary>
public sealed class ThrottledRunProgress(IDbContextFactory<PortalDb> dbFactory, RunNotifier notifier, Guid runId, Guid workspaceId, int attempt)
    : IProgress<RunProgress>
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastWrite = TimeSpan.FromSeconds(-10);

    public void Report(RunProgress value)
    {
        var now = _clock.Elapsed;
        if (now - _lastWrite < Interval) return;
        _lastWrite = now;
        var fraction = Math.Clamp(double.IsFinite(value.Fraction) ? value.Fraction : 0, 0, 1);
        var stage = value.Stage.Length > 200 ? value.Stage[..200] : value.Stage;
        using (var db = dbFactory.CreateDbContext())
        {
            db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running && r.Attempt == attempt)
                .ExecuteUpdate(s => s.SetProperty(r => r.Progress, fraction).SetProperty(r => r.Stage, stage));
        }
        notifier.Publish(new RunUpdate(runId, workspaceId, RunStatus.Running, fraction, stage));
    }
}
