namespace Portal.Features.Runs;

/// <summary>A change of a run's state or progress, as pushed to open pages.</summary>
public sealed record RunUpdate(Guid RunId, Guid WorkspaceId, RunStatus Status, double Progress, string? Stage);

/// <summary>
/// Same-process fan-out of run updates to open pages (singleton). Pages subscribe, marshal onto their
/// circuit with InvokeAsync and unsubscribe when disposed; other processes are covered by polling.
/// </summary>
public sealed class RunNotifier
{
    public event Action<RunUpdate>? Changed;

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
