using Portal.Features.Runs;
using Portal.Tests.Runs;

namespace Portal.Tests.Workers;

public class GracefulHandBackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ShutdownMidRun_HandsTheRunBackQueuedWithoutUsingAnAttempt()
    {
        using var h = new RunHarness();
        var (caller, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1, ("N", 2000), ("alphaMax", 200.0), ("samples", 50)), createdBy: caller.UserId);
        var running = new ManualResetEventSlim();
        var updates = new List<RunUpdate>();
        h.Notifier.Changed += u =>
        {
            lock (updates) updates.Add(u);
            if (u.Status == RunStatus.Running) running.Set();
        };
        using var shutdown = new CancellationTokenSource();

        var job = Task.Run(() => h.Job.Execute(run.Id, shutdown.Token), Ct);
        Assert.True(running.Wait(TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(1, h.Db.Reload(run.Id).Attempt);
        shutdown.Cancel();
        await job.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        var stored = h.Db.Reload(run.Id);
        Assert.Equal(RunStatus.Queued, stored.Status);
        Assert.Equal(0, stored.Attempt);
        Assert.Null(stored.Worker);
        Assert.Null(stored.Error);
        Assert.Contains("handed back to the queue", stored.Stage);
        Assert.Equal([run.Id], h.Jobs.EnqueuedRunIds.ToArray());
        lock (updates) Assert.Equal(RunStatus.Queued, updates[^1].Status);
    }
}
