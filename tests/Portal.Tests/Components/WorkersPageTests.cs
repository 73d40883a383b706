using System.Security.Claims;
using Bunit;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Runs;
using Portal.Features.Workers;
using Portal.Features.Workspaces;

namespace Portal.Tests.Components;

/// <summary>The admin's workers page: registered workers with their heartbeat state and runs, the queue's depth, pause and resume.</summary>
public class WorkersPageTests : ComponentTestContext
{
    [Fact]
    public void ShowsWorkersTheirRunsAndQueueDepth_AndPausesAndResumesTheQueue()
    {
        // Hangfire's log provider is global: a portal host of an earlier test may have left one whose logger factory is disposed.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(new SilentLogProvider());
        Services.AddSingleton<JobStorage>(new Hangfire.InMemory.InMemoryStorage());
        Services.AddSingleton(Harness.Queue);
        Services.AddScoped<WorkerOverview>();
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@x.org");
        auth.SetRoles(Caller.AdminRole);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, User.UserId), new Claim(ClaimTypes.Role, Caller.AdminRole));
        var now = DateTimeOffset.UtcNow;
        using (var db = Harness.Db.Factory.CreateDbContext())
        {
            db.Workers.Add(new WorkerNode { Id = "gpu-1:10:aaaaaa", Name = "gpu-1", Role = "worker", Slots = 2, StartedAt = now.AddMinutes(-5), HeartbeatAt = now });
            db.Workers.Add(new WorkerNode { Id = "gpu-2:11:bbbbbb", Name = "gpu-2", Role = "worker", Slots = 2, StartedAt = now.AddHours(-2), HeartbeatAt = now.AddMinutes(-10) });
            db.SaveChanges();
        }
        var spec = Portal.Tests.Runs.RunHarness.HebbSpec(1);
        var running = Harness.Db.AddRun(WorkspaceId, spec.ModelType, spec, RunStatus.Running, createdBy: User.UserId, attempt: 1);
        using (var db = Harness.Db.Factory.CreateDbContext())
        {
            var row = db.Runs.Single(r => r.Id == running.Id);
            row.Worker = "gpu-1:10:aaaaaa/t7";
            db.SaveChanges();
        }
        for (var i = 0; i < 3; i++) Harness.Db.AddRun(WorkspaceId, spec.ModelType, spec, createdBy: User.UserId);

        var page = Render<WorkersPage>();

        page.WaitForAssertion(() => Assert.Contains("gpu-1", page.Find("[data-testid=workers]").TextContent));
        var rows = page.FindAll("[data-testid=workers] tbody tr");
        Assert.Contains("alive", rows.Single(r => r.TextContent.Contains("gpu-1")).TextContent);
        Assert.Contains(running.Label, rows.Single(r => r.TextContent.Contains("gpu-1")).TextContent);
        Assert.Contains("stale", rows.Single(r => r.TextContent.Contains("gpu-2")).TextContent);
        var compute = page.Find("[data-testid=queues] tbody tr").TextContent;
        Assert.Contains("compute", compute);
        Assert.Contains("3", compute);
        Assert.Contains("taking runs", compute);

        page.Find("[data-testid=toggle-pause]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=queue-paused]")));
        Assert.True(Harness.Queue.IsPaused());
        page.Find("[data-testid=toggle-pause]").Click();
        page.WaitForAssertion(() => Assert.Contains("taking runs", page.Find("[data-testid=queues]").TextContent));
        Assert.False(Harness.Queue.IsPaused());
    }

    private sealed class SilentLogProvider : Hangfire.Logging.ILogProvider, Hangfire.Logging.ILog
    {
        public Hangfire.Logging.ILog GetLogger(string name) => this;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
