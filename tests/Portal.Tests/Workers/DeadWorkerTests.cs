using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Features.Workers;

namespace Portal.Tests.Workers;

/// <summary>A worker that stops heart-beating (a crash, a lost machine) has its running runs re-queued or closed by the others.</summary>
public class DeadWorkerTests : IClassFixture<DeadWorkerTests.Factory>
{
    public sealed class Factory : PortalFactory
    {
        public Factory()
        {
            Settings["Portal:WorkerStaleSeconds"] = "10";
            Settings["Portal:MaxAttempts"] = "2";
        }
    }

    private readonly Factory _factory;

    public DeadWorkerTests(Factory factory) => _factory = factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunsOfAWorkerWithAStaleHeartbeat_AreRequeuedAndFinishHere_OrClosedAtTheAttemptLimit()
    {
        var client = await _factory.ClientForAsync("dead-worker@x.org");
        var retried = await StartAsync(client, 1);
        var exhausted = await StartAsync(client, 2);
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<PortalDb>>();
        await WaitAsync(client, retried, "Succeeded");
        await WaitAsync(client, exhausted, "Succeeded");

        // Make both look as a crashed worker left them: Running on a node whose heartbeat is a minute old.
        var now = DateTimeOffset.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            db.Workers.Add(new WorkerNode { Id = "lost:42:abcdef", Name = "lost", Role = "worker", Slots = 2, StartedAt = now.AddMinutes(-10), HeartbeatAt = now.AddMinutes(-1) });
            await db.SaveChangesAsync(Ct);
            foreach (var (id, attempt) in new[] { (retried, 0), (exhausted, 1) })
                await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.Attempt, attempt + 1)
                    .SetProperty(r => r.Worker, "lost:42:abcdef/t7").SetProperty(r => r.StartedAt, now.AddMinutes(-2))
                    .SetProperty(r => r.ResultJson, (string?)null).SetProperty(r => r.FinishedAt, (DateTimeOffset?)null), Ct);
        }

        // The portal's own sweeper runs every few seconds too; whichever comes first acts, the other finds nothing left.
        await _factory.Services.GetRequiredService<DeadWorkerSweeper>().SweepAsync(Ct);

        var interrupted = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{exhausted}", Ct);
        Assert.Equal("Interrupted", interrupted.GetProperty("status").GetString());
        Assert.Contains("heartbeat stopped", interrupted.GetProperty("error").GetString());
        var finished = await WaitAsync(client, retried, "Succeeded");
        Assert.Equal(2, finished.GetProperty("attempt").GetInt32());
        Assert.StartsWith(_factory.Services.GetRequiredService<WorkerIdentity>().NodeId + "/", finished.GetProperty("worker").GetString());
    }

    [Fact]
    public async Task RunsOfALiveWorker_AreLeftAlone()
    {
        var client = await _factory.ClientForAsync("live-worker@x.org");
        var id = await StartAsync(client, 3);
        await WaitAsync(client, id, "Succeeded");
        var dbFactory = _factory.Services.GetRequiredService<IDbContextFactory<PortalDb>>();
        var now = DateTimeOffset.UtcNow;
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
        {
            db.Workers.Add(new WorkerNode { Id = "busy:7:123456", Name = "busy", Role = "worker", Slots = 1, StartedAt = now.AddMinutes(-10), HeartbeatAt = now });
            await db.SaveChangesAsync(Ct);
            await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.Attempt, 1)
                .SetProperty(r => r.Worker, "busy:7:123456/t3").SetProperty(r => r.StartedAt, now.AddMinutes(-5)), Ct);
        }

        await _factory.Services.GetRequiredService<DeadWorkerSweeper>().SweepAsync(Ct);

        Assert.Equal("Running", (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct)).GetProperty("status").GetString());
        await using (var db = await dbFactory.CreateDbContextAsync(Ct))
            await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Succeeded), Ct);
    }

    private static async Task<Guid> StartAsync(HttpClient client, long seed)
    {
        var started = await client.PostAsJsonAsync("/api/runs", new
        {
            modelType = "perceptron.online-hebb", seed,
            parameters = new { N = 50, alphaMax = 1.0, checkpoints = 2, samples = 2, testSize = 100 },
        }, Ct);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(Ct));
        return (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static Task<JsonElement> WaitAsync(HttpClient client, Guid id, string status) =>
        GracefulShutdownTests.WaitForAsync(client, id, s => s.GetProperty("status").GetString() == status, TimeSpan.FromSeconds(60));
}
