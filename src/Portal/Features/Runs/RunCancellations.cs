using System.Collections.Concurrent;

namespace Portal.Features.Runs;

/// <summary>
/// Cancellation sources of the runs executing in this process, so that a cancel from a page or the API
/// reaches the computation at once. Runs in other processes see the database flag instead.
/// </summary>
public sealed class RunCancellations
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _running = new();

    public CancellationTokenSource Register(Guid runId, CancellationToken linkedTo)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(linkedTo);
        _running[runId] = cts;
        return cts;
    }

    public void Unregister(Guid runId) => _running.TryRemove(runId, out _);

    /// <summary>Signals the run if it executes here; returns whether it did.</summary>
    public bool Cancel(Guid runId)
    {
        if (!_running.TryGetValue(runId, out var cts)) return false;
        try { cts.Cancel(); }
        catch (ObjectDisposedException) { return false; }
        return true;
    }
}
