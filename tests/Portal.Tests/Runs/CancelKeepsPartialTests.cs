using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Features.Runs;
using Shared.Results;

namespace Portal.Tests.Runs;

public class CancelKeepsPartialTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancel_LongRunMidway_EndsCancelledWithThePartialCurves()
    {
        var client = await portal.ClientForAsync("cancel-partial@x.org");
        // Tens of seconds of on-line Hebb learning; the first sample's test error streams a point per checkpoint.
        var started = await client.PostAsJsonAsync("/api/runs", new
        {
            modelType = "perceptron.online-hebb",
            parameters = new { N = 4000, alphaMax = 200.0, checkpoints = 200, samples = 2, testSize = 2000 },
        }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement run;
        do
        {
            await Task.Delay(200, Ct);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct);
        } while (!(run.GetProperty("progress").GetDouble() >= 0.1) && run.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);
        Assert.Equal("Running", run.GetProperty("status").GetString());
        Assert.True(run.GetProperty("progress").GetDouble() < 0.9, "the run should be cancelled mid-way");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/runs/{runId}/cancel", null, Ct)).StatusCode);
        do
        {
            await Task.Delay(100, Ct);
            run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct);
        } while (run.GetProperty("status").GetString() is "Queued" or "Running" && DateTime.UtcNow < deadline);

        Assert.Equal("Cancelled", run.GetProperty("status").GetString());
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync(Ct);
        var row = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == runId, Ct);
        Assert.Null(row.ResultJson);
        Assert.NotNull(row.PartialResultJson);
        var partial = ResultJson.Deserialize(row.PartialResultJson);
        var series = Assert.Single(partial.Series, s => s.Name == "epsilon_sample1");
        Assert.InRange(series.X.Length, 2, 199);  // some points, not the whole curve
        Assert.True(row.Progress is > 0 and < 1);
    }
}
