using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Tests.Recovery;

namespace Portal.Tests.Workers;

/// <summary>
/// A clean stop (SIGTERM, as a deploy sends it) in the middle of a run: the process exits within its shutdown timeout, the
/// run goes back to the queue without using up an attempt, and after the restart it finishes Succeeded on its first attempt.
/// </summary>
public class GracefulShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigtermMidRun_ExitsInTime_AndTheRunFinishesAfterRestartWithItsAttemptUnchanged()
    {
        var data = Directory.CreateTempSubdirectory("portal-term-").FullName;
        var environment = new Dictionary<string, string> { ["Portal__Workers"] = "1", ["Portal__ShutdownSeconds"] = "10", ["Portal__MaxAttempts"] = "1" };
        try
        {
            var portal = new PortalProcess(data, environment);
            await portal.StartAsync(Ct);
            using var client = await SignedInClientAsync(portal.BaseUrl);
            var started = await client.PostAsJsonAsync("/api/runs", new
            {
                modelType = "perceptron.online-hebb", seed = 7,
                parameters = new { N = 1000, alphaMax = 200.0, samples = 50 },
            }, Ct);
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(Ct));
            var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
            await WaitForAsync(client, id, s => s.GetProperty("status").GetString() == "Running" && s.GetProperty("progress").GetDouble() > 0, TimeSpan.FromSeconds(60));

            var exit = portal.Terminate(TimeSpan.FromSeconds(15));
            Assert.True(exit < TimeSpan.FromSeconds(10), $"exit took {exit}");

            portal = new PortalProcess(data, environment);
            await portal.StartAsync(Ct);
            using var after = await SignedInClientAsync(portal.BaseUrl);
            var sw = Stopwatch.StartNew();
            var done = await WaitForAsync(after, id, s => s.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled" or "Interrupted", TimeSpan.FromMinutes(3));
            Assert.Equal("Succeeded", done.GetProperty("status").GetString());
            // MaxAttempts is 1: had the shutdown counted, the restart would have closed the run as Interrupted.
            Assert.Equal(1, done.GetProperty("attempt").GetInt32());
            TestContext.Current.SendDiagnosticMessage($"SIGTERM mid-run: exit in {exit.TotalSeconds:0.0} s; after restart the run succeeded in {sw.Elapsed.TotalSeconds:0} s on attempt 1.");
            portal.Dispose();
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { }
        }
    }

    internal static async Task<JsonElement> WaitForAsync(HttpClient client, Guid id, Func<JsonElement, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        JsonElement state;
        do
        {
            state = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct);
            if (done(state)) return state;
            await Task.Delay(100, Ct);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"run {id} is still {state}");
    }

    internal static async Task<HttpClient> SignedInClientAsync(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var credentials = new { email = "operator@x.org", password = "passw0rd-term" };
        await client.PostAsJsonAsync("/api/auth/register", credentials, Ct);
        var login = await client.PostAsJsonAsync("/api/auth/login", credentials, Ct);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
