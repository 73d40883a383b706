using Compute;
using Compute.Perceptron;
using Portal.Features.Runs;
using Shared.Runs;

namespace Portal.Tests.Runs;

public class RunOutlookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RunSpec Tiny(long seed) =>
        RunHarness.HebbSpec(seed, ("N", 50), ("alphaMax", 1.0), ("checkpoints", 2), ("samples", 2), ("testSize", 100));

    private static RunOutlook OutlookOf(RunHarness h) => new(h.Db.Factory, h.Workspaces, h.Options, new RunOutlook.Calibrations());

    [Fact]
    public async Task QueuePosition_IsTheOrderInWhichTheFairQueueStartsTheRuns()
    {
        using var h = new RunHarness();
        var (a, wsA) = h.Db.AddUser("a@x.org");
        var (b, wsB) = h.Db.AddUser("b@x.org");
        var (c, wsC) = h.Db.AddUser("c@x.org");
        h.Db.AddRun(wsA, OnlineHebbModel.Id, Tiny(0), RunStatus.Running, createdBy: a.UserId, attempt: 1);
        var queued = new List<(Portal.Features.Workspaces.Caller Who, Run Run)>();
        for (var i = 0; i < 4; i++) queued.Add((a, h.Db.AddRun(wsA, OnlineHebbModel.Id, Tiny(i + 1), createdBy: a.UserId)));
        for (var i = 0; i < 2; i++) queued.Add((b, h.Db.AddRun(wsB, OnlineHebbModel.Id, Tiny(i + 10), createdBy: b.UserId)));
        queued.Add((c, h.Db.AddRun(wsC, OnlineHebbModel.Id, Tiny(20), createdBy: c.UserId)));

        var outlook = OutlookOf(h);
        var predicted = new Dictionary<Guid, int>();
        foreach (var (who, run) in queued) predicted[run.Id] = (await outlook.QueuePositionAsync(who, run.Id, Ct))!.Value;
        Assert.Equal(Enumerable.Range(0, queued.Count), predicted.Values.Order());
        // Another user's run is not theirs to look at.
        Assert.Null(await outlook.QueuePositionAsync(b, queued[0].Run.Id, Ct));

        await using var db = await h.Db.Factory.CreateDbContextAsync(Ct);
        var claimed = new List<Guid>();
        for (var i = 0; i < queued.Count; i++)
        {
            var (verdict, id) = await FairQueue.ClaimNextAsync(db, "w/t1", perUserCap: null, Ct);
            Assert.Equal(FairQueue.Verdict.Claimed, verdict);
            claimed.Add(id);
        }
        Assert.Equal(claimed, predicted.OrderBy(p => p.Value).Select(p => p.Key));
        // B and C, who run nothing, go before A's second queued run.
        Assert.True(predicted[queued[4].Run.Id] < predicted[queued[0].Run.Id]);
        Assert.Null(await outlook.QueuePositionAsync(a, queued[0].Run.Id, Ct));  // started: no longer waiting
    }

    [Fact]
    public async Task Cost_WithoutFinishedRuns_HasNoTime_ThenTakesTheMedianPaceOfRecentRuns()
    {
        using var h = new RunHarness();
        var (a, ws) = h.Db.AddUser("a@x.org");
        var spec = Tiny(1);
        var work = new OnlineHebbModel().Estimate(spec.Parameters)!.Value.Work;

        var none = await OutlookOf(h).CostAsync(OnlineHebbModel.Id, spec.Parameters, Ct);
        Assert.NotNull(none);
        Assert.Null(none.Seconds);
        Assert.Equal(work / RunLimits.Default.MaxWork, none.FractionOfLimit, 12);

        // Three finished runs of the same work taking 1, 2 and 30 s: the median pace is 2 s for this work.
        foreach (var seconds in new[] { 1.0, 30.0, 2.0 })
        {
            var run = h.Db.AddRun(ws, OnlineHebbModel.Id, spec, RunStatus.Succeeded, a.UserId, attempt: 1);
            await using var db = await h.Db.Factory.CreateDbContextAsync(Ct);
            var row = db.Runs.Single(r => r.Id == run.Id);
            row.StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5);
            row.FinishedAt = row.StartedAt.Value.AddSeconds(seconds);
            await db.SaveChangesAsync(Ct);
        }
        // A failed run says nothing about the pace.
        h.Db.AddRun(ws, OnlineHebbModel.Id, spec, RunStatus.Failed, a.UserId, attempt: 1);

        var cost = await OutlookOf(h).CostAsync(OnlineHebbModel.Id, spec.Parameters, Ct);
        Assert.Equal(3, cost!.CalibrationRuns);
        Assert.Equal(2.0, cost.Seconds!.Value, 6);
        var doubled = RunHarness.HebbSpec(1, ("N", 50), ("alphaMax", 2.0), ("checkpoints", 2), ("samples", 2), ("testSize", 100));
        var longer = await OutlookOf(h).CostAsync(OnlineHebbModel.Id, doubled.Parameters, Ct);
        Assert.Equal(2.0 * new OnlineHebbModel().Estimate(doubled.Parameters)!.Value.Work / work, longer!.Seconds!.Value, 6);
    }

    [Fact]
    public void Remaining_IsHiddenUntilThereIsEnoughToGoOn_ThenExtrapolatesThePace()
    {
        Assert.Null(RunOutlook.Remaining(0.01, TimeSpan.FromSeconds(60)));
        Assert.Null(RunOutlook.Remaining(0.5, TimeSpan.FromSeconds(1.5)));
        Assert.Null(RunOutlook.Remaining(1.0, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), RunOutlook.Remaining(0.5, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(30), RunOutlook.Remaining(0.25, TimeSpan.FromSeconds(10)));
        Assert.Equal("about 30 s", RunOutlook.Describe(TimeSpan.FromSeconds(30)));
        Assert.Equal("about 3 min", RunOutlook.Describe(TimeSpan.FromSeconds(185)));
    }
}
