using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Recovery;

namespace Portal.Tests.Workers;

/// <summary>
/// The scaled-out set-up as an operator starts it: one <c>--role web</c> process and two <c>--role worker</c> processes on one
/// PostgreSQL database. Runs submitted on the web node execute on the workers, and a cancel issued on the web node stops a run
/// on a worker within 2 s. Needs the suite's PostgreSQL (tests/run.sh starts one): web and workers cannot share SQLite.
/// </summary>
public class ScaledOutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WebAndTwoWorkers_RunsExecuteOnTheWorkers_AndCancelCrossesProcessesWithinTwoSeconds()
    {
        Assert.SkipUnless(TestPostgres.Enabled, "needs PostgreSQL (PORTAL_TEST_POSTGRES, set by tests/run.sh)");
        var database = TestPostgres.CreateDatabase();
        var data = Directory.CreateTempSubdirectory("portal-scale-").FullName;
        var shared = new Dictionary<string, string> { ["Portal__Database"] = "postgres", ["ConnectionStrings__Portal"] = database };
        var processes = new List<PortalProcess>();
        try
        {
            var web = new PortalProcess(data, shared, "--role", "web");
            processes.Add(web);
            await web.StartAsync(Ct);
            foreach (var name in new[] { "worker-a", "worker-b" })
            {
                var worker = new PortalProcess(data, new Dictionary<string, string>(shared) { ["Portal__WorkerName"] = name, ["Portal__Workers"] = "1" }, "--role", "worker");
                processes.Add(worker);
                await worker.StartAsync(Ct);
                // A worker answers nothing but its health.
                using var http = new HttpClient();
                Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(worker.BaseUrl + "/api/model-types", Ct)).StatusCode);
            }

            using var client = await GracefulShutdownTests.SignedInClientAsync(web.BaseUrl);
            var quick = new List<Guid>();
            for (var i = 0; i < 4; i++) quick.Add(await StartAsync(client, new { N = 50, alphaMax = 1.0, checkpoints = 2, samples = 2, testSize = 100 }, i));
            var workers = new HashSet<string>();
            foreach (var id in quick)
            {
                var done = await GracefulShutdownTests.WaitForAsync(client, id, s => s.GetProperty("status").GetString() == "Succeeded", TimeSpan.FromSeconds(60));
                workers.Add(done.GetProperty("worker").GetString()!.Split(':')[0]);
            }
            Assert.Subset(new HashSet<string> { "worker-a", "worker-b" }, workers);

            var slow = await StartAsync(client, new { N = 2000, alphaMax = 200.0, samples = 50 }, 9);
            var running = await GracefulShutdownTests.WaitForAsync(client, slow, s => s.GetProperty("status").GetString() == "Running" && s.GetProperty("progress").GetDouble() > 0, TimeSpan.FromSeconds(60));
            Assert.StartsWith("worker-", running.GetProperty("worker").GetString());
            var sw = Stopwatch.StartNew();
            Assert.True((await client.PostAsync($"/api/runs/{slow}/cancel", null, Ct)).IsSuccessStatusCode);
            await GracefulShutdownTests.WaitForAsync(client, slow, s => s.GetProperty("status").GetString() == "Cancelled", TimeSpan.FromSeconds(10));
            var cancelLatency = sw.Elapsed;
            Assert.True(cancelLatency < TimeSpan.FromSeconds(2), $"the cancel took {cancelLatency.TotalSeconds:0.00} s to stop the run on its worker");
            TestContext.Current.SendDiagnosticMessage($"web + 2 workers on PostgreSQL: 4 runs on {string.Join(", ", workers.Order())}; cancel on the web node stopped the run on {running.GetProperty("worker")} in {cancelLatency.TotalMilliseconds:0} ms");
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
            TestPostgres.DropDatabase(database);
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { }
        }
    }

    private static async Task<Guid> StartAsync(HttpClient client, object parameters, long seed)
    {
        var started = await client.PostAsJsonAsync("/api/runs", new { modelType = "perceptron.online-hebb", seed, parameters }, Ct);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(Ct));
        return (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
