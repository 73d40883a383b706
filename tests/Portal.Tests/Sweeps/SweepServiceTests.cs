using Microsoft.EntityFrameworkCore;
using Portal.Features.Runs;
using Portal.Features.Sweeps;
using Portal.Features.Workspaces;
using static Portal.Tests.Sweeps.SweepHarness;

namespace Portal.Tests.Sweeps;

public class SweepServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ValidGrid_QueuesEveryMemberAsAnOrdinaryRunOfTheSweep()
    {
        using var h = new SweepHarness();

        var outcome = await h.Sweeps.CreateAsync(h.Alice, h.ModelId,
            new SweepRequest { Axes = [Values("alphaMax", 0.5, 1, 2)], SeedCount = 2, Overrides = new Dictionary<string, System.Text.Json.JsonElement> { ["N"] = J(60) } }, Ct);

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
        var state = (await h.Sweeps.StateAsync(h.Alice, outcome.Value!.Id, Ct))!;
        Assert.Equal(6, state.Members.Count);
        Assert.All(state.Members, m => Assert.Equal(RunStatus.Queued, m.Status));
        Assert.Equal(6, h.Runs.Jobs.EnqueuedRunIds.Count());
        var run = h.Runs.Db.Reload(state.Members[5].Run!.Id);
        Assert.Equal(outcome.Value.Id, run.SweepId);
        Assert.Contains("\"alphaMax\":2", run.SpecJson);
        Assert.Contains("\"N\":60", run.SpecJson);
        Assert.Equal(2, run.Seed);
        Assert.NotNull(run.ModelVersionId);
    }

    [Fact]
    public async Task Create_OnePointFailsTheModelsOwnRule_QueuesNothingAndNamesThePoint()
    {
        using var h = new SweepHarness();

        // samples is at least 2 by the schema; the override passes, the swept value 1 does not.
        var outcome = await h.Sweeps.CreateAsync(h.Alice, h.ModelId, new SweepRequest { Axes = [Values("samples", 4, 1, 3)], SeedCount = 2 }, Ct);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("axes[0].values", error.Field);
        Assert.Contains("samples = 1", error.Message);
        Assert.Empty(h.Runs.Jobs.EnqueuedRunIds);
        await using var db = await h.Runs.Db.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Runs.CountAsync(Ct));
        Assert.Equal(0, await db.Sweeps.CountAsync(Ct));
    }

    [Fact]
    public async Task Create_MemberFailsAtPrepare_NamesPointSeedAndField()
    {
        using var h = new SweepHarness();

        // N = 100 000 with the largest test set passes the schema but not the resource estimate of the model type.
        var outcome = await h.Sweeps.CreateAsync(h.Alice, h.ModelId, new SweepRequest
        {
            Axes = [Values("N", 40, 100_000)], SeedCount = 1,
            Overrides = new Dictionary<string, System.Text.Json.JsonElement> { ["testSize"] = J(1_000_000), ["samples"] = J(1000), ["alphaMax"] = J(200) },
        }, Ct);

        var error = Assert.Single(outcome.Errors);
        Assert.StartsWith("At N = 100000, seed 1:", error.Message);
        Assert.Contains("Nothing was queued", error.Message);
        Assert.Empty(h.Runs.Jobs.EnqueuedRunIds);
    }

    [Fact]
    public async Task Create_MoreMembersThanTheQuotaLeaves_IsRefusedInMemberRuns()
    {
        using var h = new SweepHarness(new PortalOptions { Limits = new LimitOptions { MaxActiveRunsPerUser = 5 } });
        Assert.True((await h.Runs.Runs.StartInlineAsync(h.Alice, h.Workspace, Compute.Perceptron.OnlineHebbModel.Id, null, 1, Ct)).Succeeded);

        var outcome = await h.Sweeps.CreateAsync(h.Alice, h.ModelId, new SweepRequest { Axes = [Values("alphaMax", 1, 2)], SeedCount = 3 }, Ct);

        var error = Assert.Single(outcome.Errors);
        Assert.Equal("runs", error.Field);
        Assert.Contains("6 runs beside the 1", error.Message);
        Assert.Contains("limit is 5", error.Message);
        Assert.Single(h.Runs.Jobs.EnqueuedRunIds);
    }

    [Fact]
    public async Task Create_OverTheMemberLimit_IsRefusedNamingIt()
    {
        using var h = new SweepHarness(new PortalOptions { Limits = new LimitOptions { MaxSweepMembers = 10 } });

        var outcome = await h.Sweeps.CreateAsync(h.Alice, h.ModelId,
            new SweepRequest { Axes = [new() { Parameter = "alphaMax", From = 1, To = 2, Count = 4 }], SeedCount = 3 }, Ct);

        Assert.Contains(outcome.Errors, e => e.Field == "members" && e.Message.Contains("limit is 10"));
    }

    [Fact]
    public async Task Permissions_ViewerReadsButMayNotStartCancelOrRetry_StrangerSeesNothing()
    {
        using var h = new SweepHarness();
        var (viewer, _) = h.Runs.Db.AddUser("viewer@x.org");
        var (stranger, _) = h.Runs.Db.AddUser("stranger@x.org");
        await using (var db = await h.Runs.Db.Factory.CreateDbContextAsync(Ct))
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = h.Workspace, UserId = viewer.UserId, Role = WorkspaceRole.Viewer, JoinedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        var request = new SweepRequest { Axes = [Values("alphaMax", 1)], SeedCount = 1 };
        var sweep = (await h.Sweeps.CreateAsync(h.Alice, h.ModelId, request, Ct)).Value!;

        Assert.True((await h.Sweeps.CreateAsync(viewer, h.ModelId, request, Ct)).Forbidden);
        Assert.True((await h.Sweeps.CreateAsync(stranger, h.ModelId, request, Ct)).NotFound);
        Assert.NotNull(await h.Sweeps.StateAsync(viewer, sweep.Id, Ct));
        Assert.Null(await h.Sweeps.StateAsync(stranger, sweep.Id, Ct));
        Assert.True((await h.Sweeps.CancelAsync(viewer, sweep.Id, Ct)).Forbidden);
        Assert.True((await h.Sweeps.CancelAsync(stranger, sweep.Id, Ct)).NotFound);
        Assert.True((await h.Sweeps.RetryAsync(viewer, sweep.Id, Ct)).Forbidden);
        Assert.True((await h.Sweeps.ExtendAsync(stranger, sweep.Id, new SweepExtension { SeedCount = 1 }, Ct)).NotFound);
    }

    [Fact]
    public async Task Cancel_StopsQueuedMembers_RetryQueuesThemAgainAsNewRuns()
    {
        using var h = new SweepHarness();
        var sweep = (await h.Sweeps.CreateAsync(h.Alice, h.ModelId, new SweepRequest { Axes = [Values("alphaMax", 1, 2)], SeedCount = 2 }, Ct)).Value!;
        var first = (await h.Sweeps.StateAsync(h.Alice, sweep.Id, Ct))!.Members[0].Run!.Id;
        await using (var db = await h.Runs.Db.Factory.CreateDbContextAsync(Ct))
            await db.Runs.Where(r => r.Id == first).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running), Ct);

        var cancelled = await h.Sweeps.CancelAsync(h.Alice, sweep.Id, Ct);

        Assert.Equal(4, cancelled.Value);
        var state = (await h.Sweeps.StateAsync(h.Alice, sweep.Id, Ct))!;
        Assert.Equal(3, state.Count(RunStatus.Cancelled));
        Assert.True(h.Runs.Db.Reload(first).CancelRequested);

        await using (var db = await h.Runs.Db.Factory.CreateDbContextAsync(Ct))
            await db.Runs.Where(r => r.Id == first).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Failed), Ct);
        var retried = await h.Sweeps.RetryAsync(h.Alice, sweep.Id, Ct);

        Assert.Equal(4, retried.Value);
        state = (await h.Sweeps.StateAsync(h.Alice, sweep.Id, Ct))!;
        Assert.All(state.Members, m => Assert.Equal((RunStatus.Queued, 2), (m.Status!.Value, m.Runs)));
        Assert.Equal(8, h.Runs.Jobs.EnqueuedRunIds.Count());
        Assert.Contains("nothing to retry", (await h.Sweeps.RetryAsync(h.Alice, sweep.Id, Ct)).Errors[0].Message);
    }

    [Fact]
    public async Task Extend_NewValuesAndSeeds_QueuesOnlyTheNewMembers()
    {
        using var h = new SweepHarness();
        var sweep = (await h.Sweeps.CreateAsync(h.Alice, h.ModelId, new SweepRequest { Axes = [Values("alphaMax", 1, 2)], SeedCount = 2 }, Ct)).Value!;

        var added = await h.Sweeps.ExtendAsync(h.Alice, sweep.Id, new SweepExtension { Axes = [Values("alphaMax", 2, 4)], SeedCount = 1 }, Ct);

        // 3 values × 3 seeds = 9 members, 4 of them old.
        Assert.Equal(5, added.Value);
        var state = (await h.Sweeps.StateAsync(h.Alice, sweep.Id, Ct))!;
        Assert.Equal(9, state.Members.Count);
        Assert.Equal([1L, 2, 3], state.Grid.Seeds);
        Assert.All(state.Members, m => Assert.Equal(1, m.Runs));
        Assert.Contains((await h.Sweeps.ExtendAsync(h.Alice, sweep.Id, new SweepExtension { Axes = [Values("N", 20)] }, Ct)).Errors,
            e => e.Field == "axes[0].parameter");
        Assert.Contains((await h.Sweeps.ExtendAsync(h.Alice, sweep.Id, new SweepExtension { Seeds = [1, 2] }, Ct)).Errors, e => e.Message.Contains("Nothing new"));
    }

    [Fact]
    public async Task Create_SweepOverAParameterTheRuleDoesNotUse_IsRefusedWithTheCondition()
    {
        using var h = new SweepHarness();
        var model = new Portal.Features.Models.Model
        {
            Id = Guid.NewGuid(), WorkspaceId = h.Workspace, Name = "Online", ModelType = Compute.Perceptron.OnlineModel.Id, LatestVersion = 1,
            CreatedAt = DateTimeOffset.UtcNow, CreatedById = h.Alice.UserId,
        };
        model.Versions.Add(new Portal.Features.Models.ModelVersion
        {
            Id = Guid.NewGuid(), Version = 1, CreatedAt = DateTimeOffset.UtcNow,
            ParametersJson = """{"N":40,"rule":"perceptron","tMax":1,"checkpoints":2,"samples":2}""",
        });
        await using (var db = await h.Runs.Db.Factory.CreateDbContextAsync(Ct))
        {
            db.Models.Add(model);
            await db.SaveChangesAsync(Ct);
        }

        var refused = await h.Sweeps.CreateAsync(h.Alice, model.Id, new SweepRequest { Axes = [Values("kappa", 0.5, 1, 2)], SeedCount = 1 }, Ct);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("axes[0].parameter", error.Field);
        Assert.Contains("only when rule is hinge", error.Message);
        Assert.Empty(h.Runs.Jobs.EnqueuedRunIds);

        // Under the hinge rule the same axis is a sweep like any other.
        var hinge = await h.Sweeps.CreateAsync(h.Alice, model.Id, new SweepRequest
        {
            Axes = [Values("kappa", 0.5, 1, 2)], SeedCount = 1, Overrides = new Dictionary<string, System.Text.Json.JsonElement> { ["rule"] = J("hinge") },
        }, Ct);
        Assert.True(hinge.Succeeded, string.Join(" ", hinge.Errors.Select(e => e.Message)));
        Assert.Equal(3, h.Runs.Jobs.EnqueuedRunIds.Count());
    }
}
