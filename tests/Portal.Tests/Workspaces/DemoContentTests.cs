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
        var demo = new DemoContent(h.Db.Factory, h.Runs, h.Options, NullLogger<DemoContent>.Instance);

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

        // The session of example reports, once, each report on an example run and rendering without problems once the runs are there.
        var session = await db.Sessions.Include(x => x.Slots).SingleAsync(x => x.WorkspaceId == examples.Id, TestContext.Current.CancellationToken);
        Assert.Equal(Portal.Features.Reports.ExampleReports.SessionTitle, session.Title);
        var reports = await db.Reports.Where(r => r.WorkspaceId == examples.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, reports.Count);
        Assert.Equal(3, session.Slots.Count(s => s.ReportId is not null));
        foreach (var report in reports)
        {
            var rendered = await Portal.Features.Reports.ReportRenderer.RenderAsync(report.Source, new Portal.Features.Reports.LiveRunSource(h.Db.Factory, stranger), TestContext.Current.CancellationToken);
            Assert.Empty(rendered.Problems);
            Assert.True(rendered.Slides.Count >= 3);
            Assert.Contains("embed-pending", rendered.StaticBody()); // the runs are still queued: their place says so
        }
    }

    [Fact]
    public async Task ExampleRun_OfTheFirstModelType_SucceedsAsARealJob()
    {
        using var h = new RunHarness();
        await new DemoContent(h.Db.Factory, h.Runs, h.Options, NullLogger<DemoContent>.Instance).EnsureAsync(TestContext.Current.CancellationToken);
        var first = h.Jobs.EnqueuedRunIds.First();

        h.Job.Execute(first, TestContext.Current.CancellationToken);

        var run = h.Db.Reload(first);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(DemoContent.ExampleSeed, run.Seed);
    }
}
