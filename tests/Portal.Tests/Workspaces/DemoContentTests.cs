using Compute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Portal.Tests.Runs;

namespace Portal.Tests.Workspaces;

public class DemoContentTests
{
    [Fact]
    public async Task Ensure_EmptyDatabase_CreatesExamplesReadableByEveryone_WithAQueuedRunPerModelType()
    {
        using var h = new RunHarness();
        var demo = new DemoContent(h.Db.Factory, h.Runs, NullLogger<DemoContent>.Instance);

        await demo.EnsureAsync(TestContext.Current.CancellationToken);
        await demo.EnsureAsync(TestContext.Current.CancellationToken);

        await using var db = await h.Db.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var examples = await db.Workspaces.SingleAsync(w => w.IsExamples, TestContext.Current.CancellationToken);
        var types = await db.Models.Where(m => m.WorkspaceId == examples.Id).Select(m => m.ModelType).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(ModelRegistry.All.Select(t => t.Info.Id).Order(), types.Order());
        Assert.Equal(ModelRegistry.All.Count, h.Jobs.EnqueuedRunIds.Count());

        var (stranger, _) = h.Db.AddUser("someone@x.org");
        var access = await h.Workspaces.AccessAsync(stranger, examples.Id, TestContext.Current.CancellationToken);
        Assert.Equal(WorkspaceRole.Viewer, access.EffectiveRole);
        Assert.True(access.Can(Permission.Read));
        Assert.False(access.Can(Permission.Edit));
        Assert.False(access.Can(Permission.Run));
    }

    [Fact]
    public async Task ExampleRun_OfTheFirstModelType_SucceedsAsARealJob()
    {
        using var h = new RunHarness();
        await new DemoContent(h.Db.Factory, h.Runs, NullLogger<DemoContent>.Instance).EnsureAsync(TestContext.Current.CancellationToken);
        var first = h.Jobs.EnqueuedRunIds.First();

        h.Job.Execute(first, TestContext.Current.CancellationToken);

        var run = h.Db.Reload(first);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(DemoContent.ExampleSeed, run.Seed);
    }
}
