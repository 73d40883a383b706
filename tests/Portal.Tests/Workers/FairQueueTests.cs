using Portal.Features.Runs;
using Portal.Features.Workers;
using Portal.Features.Workspaces;
using Portal.Tests.Runs;

namespace Portal.Tests.Workers;

public class FairQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Shared.Runs.RunSpec Tiny(long seed) =>
        RunHarness.HebbSpec(seed, ("N", 50), ("alphaMax", 1.0), ("checkpoints", 2), ("samples", 2), ("testSize", 100));

    [Fact]
    public void FiftyQueuedRunsOfOneUser_DoNotStarveAnotherUsersSingleRun()
    {
        using var h = new RunHarness();
        var (a, wsA) = h.Db.AddUser("a@x.org");
        var (b, wsB) = h.Db.AddUser("b@x.org");
        var aRuns = Enumerable.Range(0, 50).Select(i => h.Db.AddRun(wsA, Tiny(i).ModelType, Tiny(i), createdBy: a.UserId)).ToList();
        var bRun = h.Db.AddRun(wsB, Tiny(99).ModelType, Tiny(99), createdBy: b.UserId);

        // One worker slot, freed four times: the jobs were enqueued in submission order, but each takes the fairest run.
        for (var slot = 0; slot < 4; slot++) h.Job.Execute(aRuns[slot].Id, Ct);

        var b1 = h.Db.Reload(bRun.Id);
        Assert.Equal(RunStatus.Succeeded, b1.Status);
        var aStarted = aRuns.Select(r => h.Db.Reload(r.Id)).Where(r => r.StartedAt is not null).OrderBy(r => r.StartedAt).ToList();
        Assert.Equal(3, aStarted.Count);
        Assert.True(b1.StartedAt < aStarted[2].StartedAt, "B's single run must start before A's third");
        Assert.True(b1.StartedAt < aStarted[1].StartedAt, "round-robin: A's first, then B's, then A's second");
    }

    [Fact]
    public async Task UserAtTheirShareOfWorkers_WaitsWhileAnotherUsersRunGoesFirst()
    {
        using var h = new RunHarness();
        var (a, wsA) = h.Db.AddUser("a@x.org");
        var (b, wsB) = h.Db.AddUser("b@x.org");
        h.Db.AddRun(wsA, Tiny(1).ModelType, Tiny(1), RunStatus.Running, createdBy: a.UserId, attempt: 1);
        h.Db.AddRun(wsA, Tiny(2).ModelType, Tiny(2), createdBy: a.UserId);
        await using var db = await h.Db.Factory.CreateDbContextAsync(Ct);

        Assert.Equal(FairQueue.Verdict.AllAtShare, (await FairQueue.ClaimNextAsync(db, "w/t1", perUserCap: 1, Ct)).Verdict);

        var bRun = h.Db.AddRun(wsB, Tiny(3).ModelType, Tiny(3), createdBy: b.UserId);
        var (verdict, claimed) = await FairQueue.ClaimNextAsync(db, "w/t1", perUserCap: 1, Ct);
        Assert.Equal(FairQueue.Verdict.Claimed, verdict);
        Assert.Equal(bRun.Id, claimed);
    }

    [Fact]
    public async Task ShareOfWorkers_IsCountedOverTheSlotsOfLiveWorkers()
    {
        using var h = new RunHarness();
        await using var db = await h.Db.Factory.CreateDbContextAsync(Ct);
        var now = DateTimeOffset.UtcNow;
        db.Workers.Add(new WorkerNode { Id = "w1:1:aa", Name = "w1", Role = "worker", Slots = 4, StartedAt = now, HeartbeatAt = now });
        db.Workers.Add(new WorkerNode { Id = "w2:1:bb", Name = "w2", Role = "worker", Slots = 4, StartedAt = now, HeartbeatAt = now });
        db.Workers.Add(new WorkerNode { Id = "dead:1:cc", Name = "dead", Role = "worker", Slots = 8, StartedAt = now.AddHours(-1), HeartbeatAt = now.AddMinutes(-5) });
        await db.SaveChangesAsync(Ct);

        Assert.Null(await FairQueue.PerUserCapAsync(db, new PortalOptions { WorkerSharePerUser = 1 }, Ct));
        Assert.Equal(4, await FairQueue.PerUserCapAsync(db, new PortalOptions { WorkerSharePerUser = 0.5 }, Ct));
        Assert.Equal(1, await FairQueue.PerUserCapAsync(db, new PortalOptions { WorkerSharePerUser = 0.01 }, Ct));
    }

    [Fact]
    public async Task PausedQueue_StartsNothingUntilResumed_InAnyProcessSharingTheDatabase()
    {
        using var h = new RunHarness();
        var (admin, ws) = h.Db.AddUser("admin@x.org", admin: true);
        var run = h.Db.AddRun(ws, Tiny(1).ModelType, Tiny(1), createdBy: admin.UserId);
        Assert.False(await h.Queue.SetPausedAsync(new Caller("someone", IsAdmin: false), true, Ct));
        Assert.True(await h.Queue.SetPausedAsync(admin, true, Ct));
        // Another process: its own ComputeQueue over the same database.
        Assert.True(new ComputeQueue(h.Db.Factory).IsPaused());

        var job = Task.Run(() => h.Job.Execute(run.Id, CancellationToken.None), Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.False(job.IsCompleted);
        Assert.Equal(RunStatus.Queued, h.Db.Reload(run.Id).Status);

        Assert.True(await h.Queue.SetPausedAsync(admin, false, Ct));
        await job.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(RunStatus.Succeeded, h.Db.Reload(run.Id).Status);
    }

    [Fact]
    public async Task ShutdownWhileWaiting_LeavesAJobForTheWaitingRun()
    {
        using var h = new RunHarness();
        var (admin, ws) = h.Db.AddUser("admin@x.org", admin: true);
        var run = h.Db.AddRun(ws, Tiny(1).ModelType, Tiny(1), createdBy: admin.UserId);
        await h.Queue.SetPausedAsync(admin, true, Ct);
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Task.Run(() => h.Job.Execute(run.Id, shutdown.Token), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(RunStatus.Queued, h.Db.Reload(run.Id).Status);
        Assert.Equal([run.Id], h.Jobs.EnqueuedRunIds.ToArray());
    }
}
