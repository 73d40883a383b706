using Portal.Features.Runs;

namespace Portal.Tests.Runs;

public class RunReconcilerTests
{
    [Fact]
    public async Task Reconcile_AfterRestart_RequeuesQueuedAndRetriesOrClosesRunning()
    {
        using var h = new RunHarness(new PortalOptions { MaxAttempts = 2 });
        var (_, ws) = h.Db.AddUser("a@x.org");
        var spec = RunHarness.HebbSpec(1);
        var queued = h.Db.AddRun(ws, spec.ModelType, spec);
        var runningOnce = h.Db.AddRun(ws, spec.ModelType, spec, RunStatus.Running, attempt: 1);
        var runningTwice = h.Db.AddRun(ws, spec.ModelType, spec, RunStatus.Running, attempt: 2);
        var done = h.Db.AddRun(ws, spec.ModelType, spec, RunStatus.Succeeded, attempt: 1);

        var (requeued, interrupted) = await h.Reconciler.ReconcileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, requeued);
        Assert.Equal(1, interrupted);
        Assert.Equal([queued.Id, runningOnce.Id], h.Jobs.EnqueuedRunIds.ToArray());
        Assert.Equal(RunStatus.Queued, h.Db.Reload(runningOnce.Id).Status);
        var closed = h.Db.Reload(runningTwice.Id);
        Assert.Equal(RunStatus.Interrupted, closed.Status);
        Assert.Contains("interrupted 2 time(s)", closed.Error);
        Assert.Equal(RunStatus.Succeeded, h.Db.Reload(done.Id).Status);
    }

    [Fact]
    public async Task Reconcile_ThenExecute_FinishesTheRequeuedRun()
    {
        using var h = new RunHarness();
        var (_, ws) = h.Db.AddUser("a@x.org");
        var spec = RunHarness.HebbSpec(3, ("N", 50), ("alphaMax", 1.0), ("checkpoints", 2), ("samples", 2), ("testSize", 100));
        var left = h.Db.AddRun(ws, spec.ModelType, spec, RunStatus.Running, attempt: 1);

        await h.Reconciler.ReconcileAsync(TestContext.Current.CancellationToken);
        h.Job.Execute(h.Jobs.EnqueuedRunIds.Single(), TestContext.Current.CancellationToken);

        var stored = h.Db.Reload(left.Id);
        Assert.Equal(RunStatus.Succeeded, stored.Status);
        Assert.Equal(2, stored.Attempt);
    }
}
