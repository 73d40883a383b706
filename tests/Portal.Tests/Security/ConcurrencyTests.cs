using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Security;

/// <summary>
/// Twenty API clients at once, for a minute, on the embedded SQLite database: creating models, starting and
/// cancelling runs, reading results and lists. No request may fail with a 5xx or with "database is locked".
/// </summary>
public class ConcurrencyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const int Clients = 20;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwentyClientsForAMinute_NoServerErrors_NoDatabaseLocked()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < Clients; i++) clients.Add(await portal.ClientForAsync($"load{i}@x.org"));
        var statuses = new ConcurrentDictionary<int, int>();
        var problems = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(clients.Select((client, n) => Task.Run(async () =>
        {
            var random = new Random(n);
            var models = new List<Guid>();
            var runs = new List<Guid>();
            while (clock.Elapsed < Duration)
            {
                HttpResponseMessage response;
                switch (random.Next(6))
                {
                    case 0:
                        response = await client.PostAsJsonAsync("/api/models", new
                        {
                            name = $"load {random.Next()}", modelType = "perceptron.online-hebb",
                            parameters = new { N = 30 + random.Next(30), alphaMax = 0.5, checkpoints = 2, samples = 2, testSize = 100 },
                        }, Ct);
                        if (response.StatusCode == HttpStatusCode.Created) models.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
                        break;
                    case 1 when models.Count > 0:
                        response = await client.PostAsJsonAsync("/api/runs", new { modelId = models[random.Next(models.Count)], seed = random.Next(1000) }, Ct);
                        if (response.StatusCode == HttpStatusCode.Accepted) runs.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
                        break;
                    case 2 when runs.Count > 0:
                        response = await client.PostAsync($"/api/runs/{runs[random.Next(runs.Count)]}/cancel", null, Ct);
                        break;
                    case 3 when runs.Count > 0:
                        response = await client.GetAsync($"/api/runs/{runs[random.Next(runs.Count)]}/result", Ct);
                        break;
                    case 4:
                        response = await client.GetAsync("/api/runs", Ct);
                        break;
                    default:
                        response = await client.GetAsync("/api/models", Ct);
                        break;
                }
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                if ((int)response.StatusCode >= 500 || (int)response.StatusCode == 0)
                    problems.Add($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
                else if ((await response.Content.ReadAsStringAsync(Ct)).Contains("database is locked", StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{response.RequestMessage!.RequestUri!.PathAndQuery}: database is locked");
            }
        }, Ct)));

        var total = statuses.Values.Sum();
        Assert.True(problems.IsEmpty, $"{problems.Count} of {total} requests failed:\n" + string.Join("\n", problems.Take(20)));
        Assert.True(total > 1000, $"only {total} requests in {Duration.TotalSeconds} s");
        TestContext.Current.SendDiagnosticMessage($"Concurrency: {Clients} clients, {total} requests in {Duration.TotalSeconds:0} s; status counts {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}.");
        foreach (var client in clients)
            foreach (var run in (await client.GetFromJsonAsync<JsonElement>("/api/runs", Ct)).EnumerateArray())
                if (run.GetProperty("status").GetString() is "Queued" or "Running") await client.PostAsync($"/api/runs/{run.GetProperty("id").GetGuid()}/cancel", null, Ct);
    }
}
