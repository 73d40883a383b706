using System.Text.Json;
using Portal.Features.Runs;

namespace Portal.Tests.Runs;

public class RunServiceTests
{
    [Fact]
    public async Task StartInline_ValidSpec_WritesQueuedRowThenEnqueuesItsId()
    {
        using var h = new RunHarness();
        var (caller, ws) = h.Db.AddUser("a@x.org");

        var outcome = await h.Runs.StartInlineAsync(caller, null, Compute.Perceptron.OnlineHebbModel.Id,
            new Dictionary<string, JsonElement> { ["N"] = JsonSerializer.SerializeToElement(300) }, 9, TestContext.Current.CancellationToken);

        Assert.True(outcome.Succeeded);
        var run = h.Db.Reload(outcome.Value!.Id);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Equal(ws, run.WorkspaceId);
        Assert.Equal(9, run.Seed);
        Assert.Contains("\"N\":300", run.SpecJson);
        Assert.Equal(64, run.SpecHash.Length);
        Assert.Equal([run.Id], h.Jobs.EnqueuedRunIds.ToArray());
    }

    [Fact]
    public async Task Get_OtherUsersRun_IsInvisible()
    {
        using var h = new RunHarness();
        var (alice, ws) = h.Db.AddUser("alice@x.org");
        var (bob, _) = h.Db.AddUser("bob@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1), createdBy: alice.UserId);

        Assert.NotNull(await h.Runs.GetAsync(alice, run.Id, TestContext.Current.CancellationToken));
        Assert.Null(await h.Runs.GetAsync(bob, run.Id, TestContext.Current.CancellationToken));
        Assert.True((await h.Runs.CancelAsync(bob, run.Id, TestContext.Current.CancellationToken)).NotFound);
        Assert.NotNull(await h.Runs.GetAsync(bob with { IsAdmin = true }, run.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Start_TooManyActiveRuns_IsRefusedNamingTheLimit()
    {
        using var h = new RunHarness(new PortalOptions { Limits = new LimitOptions { MaxActiveRunsPerUser = 2 } });
        var (caller, _) = h.Db.AddUser("a@x.org");
        for (var i = 0; i < 2; i++)
            Assert.True((await h.Runs.StartInlineAsync(caller, null, Compute.Perceptron.OnlineHebbModel.Id, null, i, TestContext.Current.CancellationToken)).Succeeded);

        var third = await h.Runs.StartInlineAsync(caller, null, Compute.Perceptron.OnlineHebbModel.Id, null, 3, TestContext.Current.CancellationToken);

        var error = Assert.Single(third.Errors);
        Assert.Contains("the limit is 2", error.Message);
    }

    [Fact]
    public async Task Cancel_QueuedRun_IsCancelledAtOnce()
    {
        using var h = new RunHarness();
        var (caller, ws) = h.Db.AddUser("a@x.org");
        var run = h.Db.AddRun(ws, Compute.Perceptron.OnlineHebbModel.Id, RunHarness.HebbSpec(1), createdBy: caller.UserId);

        var outcome = await h.Runs.CancelAsync(caller, run.Id, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Cancelled, outcome.Value!.Status);
        Assert.NotNull(h.Db.Reload(run.Id).FinishedAt);
    }
}
