using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Runs;

namespace Portal.Features.Workers;

/// <summary>
/// On a web node of a shared database: runs execute in worker processes, whose notifier no page here listens to. This
/// reads the open runs (and those that just finished) every Portal:RemoteProgressMilliseconds and publishes each change
/// of status, progress or stage into this process's <see cref="RunNotifier"/>, so open pages update within a second or two.
/// </summary>
public sealed class RemoteRunWatcher(IDbContextFactory<PortalDb> dbFactory, RunNotifier notifier, IOptions<PortalOptions> options, ILogger<RemoteRunWatcher> logger)
    : BackgroundService
{
    private readonly Dictionary<Guid, RunUpdate> _seen = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(100, options.Value.RemoteProgressMilliseconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Reading remote run progress failed; trying again");
            }
        }
    }

    private DateTimeOffset? _lastPoll;

    /// <summary>One poll; returns the updates it published (none at the first, which only learns the current state).</summary>
    public async Task<List<RunUpdate>> PollAsync(CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .Select(r => new RunUpdate(r.Id, r.WorkspaceId, r.Status, r.Progress, r.Stage)).ToListAsync(ct);
        // Runs that ended since the last poll, including those that started and ended in between.
        var ended = _lastPoll is not { } last ? [] : await db.Runs.AsNoTracking().Where(r => r.FinishedAt >= last.AddSeconds(-2))
            .Select(r => new RunUpdate(r.Id, r.WorkspaceId, r.Status, r.Progress, r.Stage)).ToListAsync(ct);

        var published = new List<RunUpdate>();
        var current = new Dictionary<Guid, RunUpdate>();
        foreach (var update in open.Concat(ended))
        {
            current[update.RunId] = update;
            if (_lastPoll is null || (_seen.TryGetValue(update.RunId, out var before) && before == update)) continue;
            // A run executing in this process publishes its own changes.
            if (notifier.LiveSeriesVersion(update.RunId) is null) published.Add(update);
        }
        _seen.Clear();
        foreach (var (id, update) in current) _seen[id] = update;
        _lastPoll = now;
        foreach (var update in published) notifier.Publish(update);
        return published;
    }
}
