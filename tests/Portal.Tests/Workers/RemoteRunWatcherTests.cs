using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Features.Runs;
using Portal.Features.Workers;
using Portal.Tests.Runs;

namespace Portal.Tests.Workers;

/// <summary>A web node learns of progress and ends of runs that execute in other processes from the shared database.</summary>
public class RemoteRunWatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChangesWrittenByAnotherProcess_ArePublishedToThisProcessesPages()
    {
        using var h = new RunHarness();
        var (caller, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1), createdBy: caller.UserId);
        var watcher = new RemoteRunWatcher(h.Db.Factory, h.Notifier, h.Options, NullLogger<RemoteRunWatcher>.Instance);
        var seen = new List<RunUpdate>();
        h.Notifier.Changed += seen.Add;

        Assert.Empty(await watcher.PollAsync(Ct));
        Assert.Empty(await watcher.PollAsync(Ct));

        // What a worker elsewhere writes: the claim, a progress tick, then the end.
        await using (var db = await h.Db.Factory.CreateDbContextAsync(Ct))
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.Progress, 0.25).SetProperty(r => r.Stage, "α = 1.0"), Ct);
        var first = Assert.Single(await watcher.PollAsync(Ct));
        Assert.Equal((RunStatus.Running, 0.25, "α = 1.0"), (first.Status, first.Progress, first.Stage));
        Assert.Empty(await watcher.PollAsync(Ct));

        await using (var db = await h.Db.Factory.CreateDbContextAsync(Ct))
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Succeeded).SetProperty(r => r.Progress, 1.0)
                .SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow), Ct);
        var end = Assert.Single(await watcher.PollAsync(Ct));
        Assert.Equal(RunStatus.Succeeded, end.Status);
        Assert.Empty(await watcher.PollAsync(Ct));
        Assert.Equal([RunStatus.Running, RunStatus.Succeeded], seen.Select(u => u.Status).ToArray());
    }

    [Fact]
    public async Task RunThatStartsAndEndsBetweenTwoPolls_StillReportsItsEnd()
    {
        using var h = new RunHarness();
        var (caller, ws) = h.Db.AddUser("a@x.org");
        var watcher = new RemoteRunWatcher(h.Db.Factory, h.Notifier, h.Options, NullLogger<RemoteRunWatcher>.Instance);
        await watcher.PollAsync(Ct);
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1), RunStatus.Cancelled, createdBy: caller.UserId);
        await using (var db = await h.Db.Factory.CreateDbContextAsync(Ct))
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow), Ct);

        var update = Assert.Single(await watcher.PollAsync(Ct));
        Assert.Equal((run.Id, RunStatus.Cancelled), (update.RunId, update.Status));
    }
}
