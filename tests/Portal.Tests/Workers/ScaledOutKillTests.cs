using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Recovery;

namespace Portal.Tests.Workers;

/// <summary>
/// Kill -9 on PostgreSQL with a web node and two worker processes: twenty runs of mixed model types, a worker, the web node
/// and the other worker killed at random moments (each started again): every run ends, none is lost or stuck, and no
/// result is half-written. Needs the suite's PostgreSQL (tests/run.sh starts one).
/// </summary>
public class ScaledOutKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WebAndWorkersKilledMidRun_LoseNoRunAndLeaveNoneStuck()
    {
        Assert.SkipUnless(TestPostgres.Enabled, "needs PostgreSQL (PORTAL_TEST_POSTGRES, set by tests/run.sh)");
        var database = TestPostgres.CreateDatabase();
        var data = Directory.CreateTempSubdirectory("portal-scale-kill-").FullName;
        var random = new Random(20261205);
        var shared = new Dictionary<string, string>
        {
            ["Portal__Database"] = "postgres", ["ConnectionStrings__Portal"] = database, ["Portal__MaxAttempts"] = "3",
            ["Portal__WorkerHeartbeatSeconds"] = "1", ["Portal__WorkerStaleSeconds"] = "5",
        };
        PortalProcess Web() => new(data, shared, "--role", "web");
        PortalProcess Worker(string name) => new(data, new Dictionary<string, string>(shared) { ["Portal__WorkerName"] = name, ["Portal__Workers"] = "1" }, "--role", "worker");
        var web = Web();
        var workers = new[] { Worker("worker-a"), Worker("worker-b") };
        try
        {
            await web.StartAsync(Ct);
            foreach (var w in workers) await w.StartAsync(Ct);
            using var client = await GracefulShutdownTests.SignedInClientAsync(web.BaseUrl);
            var types = (await client.GetFromJsonAsync<JsonElement>("/api/model-types", Ct)).EnumerateArray().ToList();
            var runs = new List<Guid>();
            for (var i = 0; i < 20; i++)
            {
                var type = types[i % types.Count];
                var started = await client.PostAsJsonAsync("/api/runs", new { modelType = type.GetProperty("id").GetString(), parameters = type.GetProperty("example"), seed = i }, Ct);
                Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(Ct));
                runs.Add((await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
            }
            await client.PostAsync($"/api/runs/{runs[^1]}/cancel", null, Ct);

            // worker-a, then the web node, then worker-b: each killed with SIGKILL at a random moment and started again.
            for (var kill = 0; kill < 3; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1500 + random.Next(3000)), Ct);
                if (kill == 1)
                {
                    web.Kill();
                    web = Web();
                    await web.StartAsync(Ct);
                }
                else
                {
                    var i = kill == 0 ? 0 : 1;
                    workers[i].Kill();
                    workers[i] = Worker(i == 0 ? "worker-a" : "worker-b");
                    await workers[i].StartAsync(Ct);
                }
            }
            using var after = await GracefulShutdownTests.SignedInClientAsync(web.BaseUrl);

            var deadline = DateTime.UtcNow.AddMinutes(5);
            List<JsonElement> states;
            do
            {
                states = [];
                foreach (var id in runs) states.Add(await after.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct));
                if (states.All(s => s.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled" or "Interrupted")) break;
                await Task.Delay(500, Ct);
            } while (DateTime.UtcNow < deadline);

            var summary = string.Join(", ", states.GroupBy(s => s.GetProperty("status").GetString()).Select(g => $"{g.Key} {g.Count()}"));
            var retried = states.Count(s => s.GetProperty("attempt").GetInt32() > 1);
            foreach (var s in states)
            {
                var status = s.GetProperty("status").GetString();
                Assert.True(status is "Succeeded" or "Failed" or "Cancelled" or "Interrupted", $"run {s.GetProperty("id")} is still {status} ({summary})");
                if (status is "Failed" or "Interrupted")
                    Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("error").GetString()), $"run {s.GetProperty("id")} ended {status} without a reason");
                if (status == "Succeeded")
                {
                    var result = await after.GetFromJsonAsync<JsonElement>($"/api/runs/{s.GetProperty("id")}/result", Ct);
                    Assert.Equal(s.GetProperty("modelType").GetString(), result.GetProperty("modelType").GetString());
                    Assert.True(result.GetProperty("checks").GetArrayLength() > 0);
                }
            }
            Assert.Equal("Cancelled", states[^1].GetProperty("status").GetString());
            TestContext.Current.SendDiagnosticMessage($"PostgreSQL, web + 2 workers, kill -9 of worker-a, web, worker-b with 20 runs: {summary}; {retried} re-run after a kill; 0 lost, 0 stuck.");
        }
        finally
        {
            web.Dispose();
            foreach (var w in workers) w.Dispose();
            TestPostgres.DropDatabase(database);
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { }
        }
    }
}
