using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portal.Features.Runs;

namespace Portal.Tests.Runs;

/// <summary>"Run again" over HTTP, the result hash, and the short per-workspace run numbers.</summary>
public class ReproducibilityTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object HebbParameters = new { N = 60, alphaMax = 1.0, checkpoints = 3, samples = 2, testSize = 200 };

    [Fact]
    public async Task Rerun_OfOnlineHebb_ReproducesBitForBit()
    {
        var client = await portal.ClientForAsync("rerun@x.org");
        var original = await StartAsync(client, seed: 5);
        Assert.Equal("Succeeded", (await WaitFinishedAsync(client, original)).GetProperty("status").GetString());

        var response = await client.PostAsync($"/api/runs/{original}/rerun", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rerun = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(original, rerun.GetProperty("rerunOfId").GetGuid());
        Assert.Equal(5, rerun.GetProperty("seed").GetInt64());

        var done = await WaitFinishedAsync(client, rerun.GetProperty("id").GetGuid());
        Assert.Equal("Succeeded", done.GetProperty("status").GetString());
        var reproduction = done.GetProperty("reproduction");
        Assert.Equal(nameof(ReproductionState.Reproduced), reproduction.GetProperty("state").GetString());
        Assert.Contains("bit for bit", reproduction.GetProperty("message").GetString());
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{original}", Ct);
        Assert.Equal(first.GetProperty("resultHash").GetString(), done.GetProperty("resultHash").GetString());
        Assert.Equal(64, done.GetProperty("resultHash").GetString()!.Length);
        Assert.Equal(first.GetProperty("number").GetInt32() + 1, done.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Rerun_ByViewer_IsForbidden_AndMissingRun_IsNotFound()
    {
        var owner = await portal.ClientForAsync("rerun-owner@x.org");
        var ws = (await (await owner.PostAsJsonAsync("/api/workspaces", new { name = "Rerun group" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var invitation = await (await owner.PostAsJsonAsync($"/api/workspaces/{ws}/invitations", new { email = "rerun-viewer@x.org", role = "Viewer" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var viewer = await portal.ClientForAsync("rerun-viewer@x.org");
        Assert.Equal(HttpStatusCode.OK, (await viewer.PostAsync($"/api/invitations/{invitation.GetProperty("link").GetString()!.Split('/')[^1]}/accept", null, Ct)).StatusCode);
        var run = await StartAsync(owner, seed: 3, workspaceId: ws);
        await WaitFinishedAsync(owner, run);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/runs/{run}/rerun", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/runs/{Guid.NewGuid()}/rerun", null, Ct)).StatusCode);
        var stranger = await portal.ClientForAsync("rerun-stranger@x.org");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/runs/{run}/rerun", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Numbers_AreSequentialPerWorkspace_IndependentAcrossWorkspaces_AndDistinctUnderConcurrency()
    {
        var a = await portal.ClientForAsync("numbers-a@x.org");
        var b = await portal.ClientForAsync("numbers-b@x.org");
        var a1 = await NumberOfAsync(a, await StartAsync(a, 1));
        var a2 = await NumberOfAsync(a, await StartAsync(a, 2));
        var b1 = await NumberOfAsync(b, await StartAsync(b, 1));
        Assert.Equal((1, 2, 1), (a1, a2, b1));

        // Two users of one workspace at once (separate quota gates, so nothing but the counter orders them).
        var ws = (await (await a.PostAsJsonAsync("/api/workspaces", new { name = "Busy group" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var invitation = await (await a.PostAsJsonAsync($"/api/workspaces/{ws}/invitations", new { email = "numbers-b@x.org", role = "Editor" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        await b.PostAsync($"/api/invitations/{invitation.GetProperty("link").GetString()!.Split('/')[^1]}/accept", null, Ct);
        var started = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => StartAsync(i % 2 == 0 ? a : b, 100 + i, ws)));
        var numbers = await Task.WhenAll(started.Select(id => NumberOfAsync(a, id)));
        Assert.Equal(Enumerable.Range(1, 12), numbers.Order());
    }

    [Fact]
    public void ResultHash_IgnoresKeyOrderAndWhitespace_ButSeesEveryDigit()
    {
        var hash = ResultFingerprint.Hash("""{"modelType":"x","metrics":[{"name":"eg","value":0.125}]}""");
        Assert.Equal(hash, ResultFingerprint.Hash("""{ "metrics": [ { "value": 0.125, "name": "eg" } ], "modelType": "x" }"""));
        Assert.Equal(hash, ResultFingerprint.Hash("""{"modelType":"x","metrics":[{"name":"eg","value":0.125}]}"""));
        Assert.NotEqual(hash, ResultFingerprint.Hash("""{"modelType":"x","metrics":[{"name":"eg","value":0.1250000000000001}]}"""));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("{}"u8)), ResultFingerprint.Hash("{ }"));
    }

    [Fact]
    public void Differences_NameTheMetricAndTheSeriesPoint()
    {
        var (listed, total) = ResultFingerprint.Differences(
            """{"metrics":[{"name":"eg","value":0.1},{"name":"r","value":2}],"series":[{"name":"R","y":[1,2,3]}]}""",
            """{"metrics":[{"name":"eg","value":0.2},{"name":"r","value":2}],"series":[{"name":"R","y":[1,2,4]}]}""");
        Assert.Equal(2, total);
        Assert.Contains(new ResultDifference("metrics[eg].value", "0.1", "0.2"), listed);
        Assert.Contains(new ResultDifference("series[R].y[2]", "3", "4"), listed);
    }

    private async Task<Guid> StartAsync(HttpClient client, long seed, Guid? workspaceId = null)
    {
        var response = await client.PostAsJsonAsync("/api/runs", new { modelType = "perceptron.online-hebb", parameters = HebbParameters, seed, workspaceId }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task<int> NumberOfAsync(HttpClient client, Guid runId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct)).GetProperty("number").GetInt32();

    private static async Task<JsonElement> WaitFinishedAsync(HttpClient client, Guid runId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct);
            if (run.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled" or "Interrupted" || DateTime.UtcNow > deadline) return run;
            await Task.Delay(100, Ct);
        }
    }
}
