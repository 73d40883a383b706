using System.Collections.Concurrent;
using Compute;
using Shared.Results;

namespace Portal.Features.Runs;

/// <summary>A change of a run's state or progress, as pushed to open pages.</summary>
public sealed record RunUpdate(Guid RunId, Guid WorkspaceId, RunStatus Status, double Progress, string? Stage);

/// <summary>
/// Same-process fan-out of run updates to open pages (singleton). Pages subscribe, marshal onto their
/// circuit with InvokeAsync and unsubscribe when disposed; other processes are covered by polling.
/// It also lends pages the live series of the runs executing in this process (training curves while they grow);
/// runs executing elsewhere have none here, and their pages show progress only.
/// </summary>
public sealed class RunNotifier
{
    private readonly ConcurrentDictionary<Guid, RunContext> _running = new();

    public event Action<RunUpdate>? Changed;

    /// <summary>Makes a run's live series readable while it executes in this process.</summary>
    public void Attach(Guid runId, RunContext context) => _running[runId] = context;

    public void Detach(Guid runId) => _running.TryRemove(runId, out _);

    /// <summary>The run's live series so far and their version (it grows with every point), or null when it is not executing here.</summary>
    public (IReadOnlyList<Series> Series, long Version)? LiveSeries(Guid runId) =>
        _running.TryGetValue(runId, out var context) ? (context.RecordedSeries(), context.SeriesVersion) : null;

    /// <summary>The version alone, to skip copying series that did not change.</summary>
    public long? LiveSeriesVersion(Guid runId) => _running.TryGetValue(runId, out var context) ? context.SeriesVersion : null;

    public void Publish(RunUpdate update)
    {
        var handlers = Changed;
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<RunUpdate>>())
        {
            // One broken page must not stop the job or the other pages.
            try { handler(update); }
            catch (Exception) { }
        }
    }
}
