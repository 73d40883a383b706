using System.Diagnostics;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Tests.Runs;

public class ExecuteRunJobTests
{
    [Fact]
    public void Execute_ValidRun_StoresResultWithSucceeded()
    {
        using var h = new RunHarness();
        var (caller, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(5, ("N", 100), ("alphaMax", 1.0), ("checkpoints", 2), ("samples", 2), ("testSize", 200)), createdBy: caller.UserId);
        var updates = new List<RunUpdate>();
        h.Notifier.Changed += updates.Add;

        h.Job.Execute(run.Id, TestContext.Current.CancellationToken);

        var stored = h.Db.Reload(run.Id);
        Assert.Equal(RunStatus.Succeeded, stored.Status);
        Assert.Equal(1, stored.Attempt);
        Assert.Equal(1.0, stored.Progress);
        Assert.NotNull(stored.StartedAt);
        Assert.NotNull(stored.FinishedAt);
        Assert.NotNull(stored.Worker);
        var doc = ResultJson.Deserialize(stored.ResultJson!);
        Assert.Equal(2, doc.Checks.Count);
        Assert.NotNull(stored.Verdict);
        Assert.Equal(RunVerdicts.Of(doc.Checks), stored.Verdict);
        Assert.Contains(updates, u => u.Status == RunStatus.Running);
        Assert.Equal(RunStatus.Succeeded, updates[^1].Status);
    }

    [Fact]
    public void Execute_UnknownModelType_FailsWithReadableMessageAndNoResult()
    {
        using var h = new RunHarness();
        var (_, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, "perceptron.retired-type", spec: null);

        h.Job.Execute(run.Id, TestContext.Current.CancellationToken);

        var stored = h.Db.Reload(run.Id);
        Assert.Equal(RunStatus.Failed, stored.Status);
        Assert.Contains("'perceptron.retired-type' is not available", stored.Error);
        Assert.Null(stored.ResultJson);
    }

    [Fact]
    public async Task Execute_CancelledWhileRunning_StopsWithinASecondAndMarksCancelled()
    {
        using var h = new RunHarness();
        var (caller, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1, ("N", 2000), ("alphaMax", 200.0), ("samples", 50)), createdBy: caller.UserId);
        var running = new ManualResetEventSlim();
        h.Notifier.Changed += u => { if (u.Status == RunStatus.Running) running.Set(); };

        var job = Task.Run(() => h.Job.Execute(run.Id, CancellationToken.None), TestContext.Current.CancellationToken);
        Assert.True(running.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var sw = Stopwatch.StartNew();
        var outcome = await h.Runs.CancelAsync(caller, run.Id, TestContext.Current.CancellationToken);
        Assert.True(outcome.Succeeded);
        await job.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(1.5), $"cancel took {sw.Elapsed}");

        var stored = h.Db.Reload(run.Id);
        Assert.Equal(RunStatus.Cancelled, stored.Status);
        Assert.Null(stored.ResultJson);
    }

    [Fact]
    public async Task Execute_CancelFlagFromAnotherProcess_IsSeenByPolling()
    {
        using var h = new RunHarness();
        var (_, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1, ("N", 2000), ("alphaMax", 200.0), ("samples", 50)));
        var running = new ManualResetEventSlim();
        h.Notifier.Changed += u => { if (u.Status == RunStatus.Running) running.Set(); };

        var job = Task.Run(() => h.Job.Execute(run.Id, CancellationToken.None), TestContext.Current.CancellationToken);
        Assert.True(running.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        // Only the database flag, as a web node in another process would set it.
        using (var db = h.Db.Factory.CreateDbContext())
        {
            var row = db.Runs.Single(r => r.Id == run.Id);
            row.CancelRequested = true;
            db.SaveChanges();
        }
        await job.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Cancelled, h.Db.Reload(run.Id).Status);
    }

    [Fact]
    public void Execute_BeyondTimeLimit_FailsNamingTheLimit()
    {
        using var h = new RunHarness(new PortalOptions { Limits = new LimitOptions { MaxRunMinutes = 0.005 } });
        var (_, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1, ("N", 2000), ("alphaMax", 200.0), ("samples", 50)));

        h.Job.Execute(run.Id, TestContext.Current.CancellationToken);

        var stored = h.Db.Reload(run.Id);
        Assert.Equal(RunStatus.Failed, stored.Status);
        Assert.Contains("time limit", stored.Error);
    }

    [Fact]
    public void Execute_RunAlreadyCancelled_DoesNothing()
    {
        using var h = new RunHarness();
        var (_, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1), status: RunStatus.Cancelled);

        h.Job.Execute(run.Id, TestContext.Current.CancellationToken);

        var stored = h.Db.Reload(run.Id);
        Assert.Equal(RunStatus.Cancelled, stored.Status);
        Assert.Equal(0, stored.Attempt);
    }
}
