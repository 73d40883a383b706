using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Api;

public class ApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_IsUnauthorized()
    {
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/runs", new { modelType = "perceptron.online-hebb" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task HappyPath_CreateModel_Run_GetResult()
    {
        var client = await portal.ClientForAsync("happy@x.org");

        var types = await client.GetFromJsonAsync<JsonElement>("/api/model-types", Ct);
        Assert.Contains(types.EnumerateArray(), t => t.GetProperty("id").GetString() == "perceptron.online-hebb");

        var created = await client.PostAsJsonAsync("/api/models", new
        {
            name = "Hebb small", modelType = "perceptron.online-hebb",
            parameters = new { N = 100, alphaMax = 2.0, checkpoints = 3, samples = 4, testSize = 300 },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var model = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var started = await client.PostAsJsonAsync("/api/runs", new { modelId = model.GetProperty("id").GetGuid(), seed = 11 }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var run = await WaitFinishedAsync(client, runId);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("modelVersion").GetInt32());

        var result = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/result", Ct);
        Assert.Equal("perceptron.online-hebb", result.GetProperty("modelType").GetString());
        Assert.Equal(2, result.GetProperty("checks").GetArrayLength());
        var figure = result.GetProperty("figures")[0];
        Assert.Contains(figure.GetProperty("traces").EnumerateArray(), t => t.GetProperty("role").GetString() == "exact");
    }

    [Fact]
    public async Task OtherUsersRun_IsNotFound()
    {
        var alice = await portal.ClientForAsync("alice@x.org");
        var bob = await portal.ClientForAsync("bob@x.org");
        var started = await alice.PostAsJsonAsync("/api/runs", new { modelType = "perceptron.online-hebb", parameters = new { N = 50, alphaMax = 0.5, samples = 2, testSize = 100 } }, Ct);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/runs/{runId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/runs/{runId}/result", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/runs/{runId}/cancel", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/api/runs/{runId}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"modelType":"perceptron.online-hebb","parameters":{"N":1000000000}}""", "N", "at most 100000")]
    [InlineData("""{"modelType":"perceptron.online-hebb","parameters":{"alphaMax":"ten"}}""", "alphaMax", "finite number")]
    [InlineData("""{"modelType":"perceptron.online-hebb","parameters":{"temperature":1}}""", "temperature", "not a parameter")]
    [InlineData("""{"modelType":"perceptron.nonexistent"}""", "modelType", "Unknown model type")]
    [InlineData("""{"modelType":"perceptron.online-hebb","seed":-4}""", "seed", "non-negative")]
    // Regression: huge layers with one epoch were told to "reduce epochs"; the cost is the AIS estimate over the layers.
    [InlineData("""{"modelType":"ebm.rbm","parameters":{"dataset":"noisy-prototypes","visible":4096,"hidden":4096,"epochs":1}}""", "aisSteps", "hidden (now 4096), visible (now 4096)")]
    public async Task InvalidSpec_Is400NamingTheField(string body, string field, string message)
    {
        var client = await portal.ClientForAsync("invalid@x.org");
        var response = await client.PostAsync("/api/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"modelType":""", "could not be read")]
    [InlineData("""{"modelType":"perceptron.online-hebb","seed":"abc"}""", "$.seed")]
    public async Task UnreadableBody_Is400WithAProblem(string body, string detail)
    {
        var client = await portal.ClientForAsync("malformed@x.org");
        var response = await client.PostAsync("/api/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(detail, text);
    }

    [Fact]
    public async Task Cancel_RunningRun_EndsCancelled()
    {
        var client = await portal.ClientForAsync("cancel@x.org");
        var started = await client.PostAsJsonAsync("/api/runs", new { modelType = "perceptron.online-hebb", parameters = new { N = 3000, alphaMax = 200.0, samples = 100 } }, Ct);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        for (var i = 0; i < 200 && (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct)).GetProperty("status").GetString() != "Running"; i++)
            await Task.Delay(100, Ct);

        var cancel = await client.PostAsync($"/api/runs/{runId}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var run = await WaitFinishedAsync(client, runId, TimeSpan.FromSeconds(5));
        Assert.Equal("Cancelled", run.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync($"/api/runs/{runId}/result", Ct)).StatusCode);
    }

    [Fact]
    public async Task OpenApi_Docs_And_Health_AreServed()
    {
        var client = portal.CreateClient();
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/runs", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs", Ct)).StatusCode);
        // The reference reads the science first and signing in last, and needs nothing from the internet.
        var tags = openApi.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal("Model types", tags[0]);
        Assert.Equal("Authentication", tags[^1]);
        Assert.All(openApi.GetProperty("paths").EnumerateObject(), p => Assert.StartsWith("/api/", p.Name));
        var page = await client.GetStringAsync("/api/docs/", Ct);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page);
        Assert.Contains("\"withDefaultFonts\":false", page);
        Assert.Contains("\"hideClientButton\":true", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/docs/scalar.js", Ct)).StatusCode);
        var health = await client.GetFromJsonAsync<JsonElement>("/healthz", Ct);
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }

    private static async Task<JsonElement> WaitFinishedAsync(HttpClient client, Guid runId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct);
            var status = run.GetProperty("status").GetString();
            if (status is "Succeeded" or "Failed" or "Cancelled" or "Interrupted" || DateTime.UtcNow > deadline) return run;
            await Task.Delay(100, Ct);
        }
    }
}
