using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Tests.Api;

public class DatasetApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Upload(string content, string name = "bars.csv") => new()
    {
        { new StringContent(content, Encoding.UTF8, "text/csv"), "file", name },
        { new StringContent(name), "name" },
    };

    [Fact]
    public async Task RaggedRows_AreRefusedNamingTheLine_AndNothingIsStored()
    {
        var client = await portal.ClientForAsync("ragged@x.org");
        var response = await client.PostAsync("/api/datasets", Upload("0,1,1,0\n1,0,1,0\n1,1,0\n"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("line 3", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/datasets", Ct)).GetArrayLength());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0 1 2 0\n", "line 1")]
    public async Task BadFiles_AreRefusedWithAReason(string content, string reason)
    {
        var client = await portal.ClientForAsync("badfile@x.org");
        var response = await client.PostAsync("/api/datasets", Upload(content), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Upload_ThenTrainAnRbmOnIt_Succeeds_AndTheUploadIsRequired()
    {
        var client = await portal.ClientForAsync("uploader@x.org");
        var rows = string.Join('\n', Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "1 1 0 0 1 1" : "0 0 1 1 0 0"));
        var uploaded = await client.PostAsync("/api/datasets", Upload(rows, "two patterns"), Ct);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var dataset = await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(40, dataset.GetProperty("rows").GetInt32());
        Assert.Equal(6, dataset.GetProperty("columns").GetInt32());

        var parameters = new Dictionary<string, object>
        {
            ["dataset"] = "uploaded", ["hidden"] = 3, ["epochs"] = 20, ["batchSize"] = 10, ["checkpoints"] = 2, ["likelihood"] = "exact",
            ["sampleChains"] = 4, ["sampleSteps"] = 10,
        };
        var missing = await client.PostAsJsonAsync("/api/models", new { name = "RBM on upload", modelType = "ebm.rbm", parameters }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("datasetId", await missing.Content.ReadAsStringAsync(Ct));

        var created = await client.PostAsJsonAsync("/api/models",
            new { name = "RBM on upload", modelType = "ebm.rbm", parameters, datasetId = dataset.GetProperty("id").GetGuid() }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var modelId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var started = await client.PostAsJsonAsync("/api/runs", new { modelId, seed = 4 }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        JsonElement run;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        do
        {
            await Task.Delay(200, Ct);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct);
        } while (run.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(dataset.GetProperty("id").GetGuid(), run.GetProperty("datasetId").GetGuid());
    }

    [Fact]
    public async Task Upload_WithCookieOnly_IsNotAccepted()
    {
        var client = portal.CreateClient();
        var response = await client.PostAsync("/api/datasets", Upload("0 1\n"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
