using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Recovery;

/// <summary>
/// Twenty runs of mixed model types, the portal killed with SIGKILL three times while they run and started again:
/// every run must end Succeeded, Cancelled, Failed or Interrupted with a reason; none lost, none stuck, no result
/// half-written.
/// </summary>
public class KillRecoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledThreeTimesMidRun_LosesNoRunAndLeavesNoneStuck()
    {
        var data = Directory.CreateTempSubdirectory("portal-kill-").FullName;
        var random = new Random(20261205);
        try
        {
            var portal = new PortalProcess(data, new Dictionary<string, string> { ["Portal__Workers"] = "1", ["Portal__MaxAttempts"] = "3" });
            await portal.StartAsync(Ct);
            using var client = await SignedInClientAsync(portal.BaseUrl);
            var types = (await client.GetFromJsonAsync<JsonElement>("/api/model-types", Ct)).EnumerateArray().ToList();
            var runs = new List<Guid>();
            for (var i = 0; i < 20; i++)
            {
                var type = types[i % types.Count];
                var started = await client.PostAsJsonAsync("/api/runs", new
                {
                    modelType = type.GetProperty("id").GetString(), parameters = type.GetProperty("example"), seed = i,
                }, Ct);
                Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync(Ct));
                runs.Add((await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
            }
            await client.PostAsync($"/api/runs/{runs[^1]}/cancel", null, Ct);

            for (var kill = 0; kill < 3; kill++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1500 + random.Next(3000)), Ct);
                portal.Kill();
                portal = new PortalProcess(data, portal.Environment);
                await portal.StartAsync(Ct);
            }
            using var after = await SignedInClientAsync(portal.BaseUrl);

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
            Assert.Equal(20, states.Count);
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
            TestContext.Current.SendDiagnosticMessage($"Kill -9 ×3 with 20 runs: {summary}; 0 lost, 0 stuck.");
            portal.Dispose();
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>A client of the first (admin) account, signing up on a fresh portal and in on a restarted one.</summary>
    private static async Task<HttpClient> SignedInClientAsync(string baseUrl)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var credentials = new { email = "operator@x.org", password = "passw0rd-kill" };
        await client.PostAsJsonAsync("/api/auth/register", credentials, Ct);
        var login = await client.PostAsJsonAsync("/api/auth/login", credentials, Ct);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
