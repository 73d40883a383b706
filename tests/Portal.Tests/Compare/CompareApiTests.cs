using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Compare;

public class CompareApiTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Guid> RunAsync(HttpClient client, string modelType, object parameters, long seed)
    {
        var started = await client.PostAsJsonAsync("/api/runs", new { modelType, parameters, seed }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct)).GetProperty("status").GetString();
            if (status == "Succeeded") return id;
            Assert.True(status is "Queued" or "Running", $"run ended {status}");
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException("run did not finish");
    }

    private static Task<Guid> HebbAsync(HttpClient client, double alphaMax, long seed) =>
        RunAsync(client, "perceptron.online-hebb", new { N = 50, alphaMax, checkpoints = 3, samples = 3, testSize = 200 }, seed);

    [Fact]
    public async Task Compare_TwoHebbRuns_NamesOnlyTheDifferingParameter_AndPutsMetricsSideBySide()
    {
        var client = await portal.ClientForAsync("compare-diff@x.org");
        var a = await HebbAsync(client, 0.5, 3);
        var b = await HebbAsync(client, 1.5, 3);

        var c = await client.GetFromJsonAsync<JsonElement>($"/api/compare?runs={a},{b}", Ct);
        Assert.Equal(["alphaMax"], c.GetProperty("differing").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(["alphaMax=0.5", "alphaMax=1.5"], c.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("label").GetString()));
        Assert.Equal(0, c.GetProperty("hidden").GetInt32());
        var epsilon = c.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "epsilon_final");
        var cells = epsilon.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(2, cells.Count);
        Assert.All(cells, cell => Assert.True(cell.GetProperty("error").GetDouble() > 0));
        // The runs label this metric "ε at α = 0.5" and "ε at α = 1.5": each value keeps its own label.
        Assert.Equal("ε at α = 1.5", cells[1].GetProperty("label").GetString());
        Assert.Contains("learning-curve", c.GetProperty("figures").EnumerateArray().Select(f => f.GetString()));
        Assert.All(c.GetProperty("runs").EnumerateArray(), r => Assert.Equal(2, r.GetProperty("checks").GetProperty("Agrees").GetInt32()
            + (r.GetProperty("checks").TryGetProperty("Disagrees", out var d) ? d.GetInt32() : 0)));
    }

    [Fact]
    public async Task MetricCharts_AgainstTheDifferingParameter_CarryTheModelTypesTheory()
    {
        var client = await portal.ClientForAsync("compare-theory@x.org");
        var ids = new[] { await HebbAsync(client, 0.5, 4), await HebbAsync(client, 1.0, 4), await HebbAsync(client, 2.0, 4) };
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Portal.Data.PortalDb>>().CreateDbContext();
        var caller = new Portal.Features.Workspaces.Caller(db.Users.Single(u => u.Email == "compare-theory@x.org").Id, false);

        var comparison = await scope.ServiceProvider.GetRequiredService<Portal.Features.Compare.CompareService>().CompareAsync(caller, ids, Ct);

        var epsilon = comparison.MetricCharts.Single(f => f.Id == "metric-epsilon_final");
        Assert.StartsWith("Final α", epsilon.XAxis.Title);
        var theory = Assert.Single(epsilon.Traces, t => t.Role == Shared.Results.TraceRole.Theory);
        Assert.Equal((0.5, 2.0), (theory.X[0], theory.X[^1]));
        Assert.Equal(Compute.Perceptron.HebbTheory.GeneralizationError(2.0), theory.Y[^1], 12);
        Assert.Single(comparison.MetricCharts.Single(f => f.Id == "metric-R_final").Traces, t => t.Role == Shared.Results.TraceRole.Theory);
        // Metrics the model type knows no theory for are drawn alone.
        Assert.All(comparison.MetricCharts.Where(f => f.Id is not ("metric-epsilon_final" or "metric-epsilon_exact" or "metric-R_final")),
            f => Assert.DoesNotContain(f.Traces, t => t.Role == Shared.Results.TraceRole.Theory));
    }

    [Fact]
    public async Task Compare_WithSomeoneElsesRun_CountsItHidden_AndShowsNothingOfIt()
    {
        // The portal's first account is an admin, who reads every workspace: make sure that is neither of these two.
        await portal.ClientForAsync("compare-first@x.org");
        var alice = await portal.ClientForAsync("compare-alice@x.org");
        var bob = await portal.ClientForAsync("compare-bob@x.org");
        var a1 = await HebbAsync(alice, 0.5, 1);
        var a2 = await HebbAsync(alice, 0.5, 2);
        var secret = await HebbAsync(bob, 0.777, 987654);

        var response = await alice.GetAsync($"/api/compare?runs={a1},{secret},{a2}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var c = JsonDocument.Parse(text).RootElement;
        Assert.Equal(1, c.GetProperty("hidden").GetInt32());
        Assert.Contains("1 of the requested runs is not shown", c.GetProperty("hiddenMessage").GetString());
        Assert.Equal([a1, a2], c.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        foreach (var leak in new[] { secret.ToString(), secret.ToString("N"), "0.777", "987654" })
            Assert.DoesNotContain(leak, text);

        // Bob sees none of Alice's runs: the answer is a 404 that names only how many.
        var refused = await bob.GetAsync($"/api/compare?runs={a1},{a2}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("None of the 2 runs", refusal);
        Assert.DoesNotContain(a1.ToString(), refusal);
    }

    [Fact]
    public async Task Compare_TooManyOrMalformedIds_Is400NamingTheLimit()
    {
        var client = await portal.ClientForAsync("compare-limits@x.org");
        async Task<string> Refused(string query)
        {
            var response = await client.GetAsync("/api/compare?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return problem.GetProperty("errors").GetProperty("runs")[0].GetString()!;
        }
        var many = string.Join(",", Enumerable.Range(0, 201).Select(_ => Guid.NewGuid().ToString("N")));
        Assert.Contains("At most 200 runs", await Refused("runs=" + many));
        Assert.Contains("got 201", await Refused("runs=" + many));
        Assert.Contains("“not-an-id” is not a run id", await Refused($"runs={Guid.NewGuid()},not-an-id"));
        Assert.Contains("at least 2", await Refused($"runs={Guid.NewGuid()}"));
        Assert.Contains("at least 2", await Refused("runs="));
        var same = Guid.NewGuid();
        Assert.Contains("at least 2", await Refused($"runs={same},{same:N}"));
        // 200 ids are accepted (none exists: 404, not 400).
        var limit = string.Join(",", Enumerable.Range(0, 200).Select(_ => Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/compare?runs=" + limit, Ct)).StatusCode);
    }

    [Fact]
    public async Task Compare_AcrossModelTypes_UnionsTheParameters()
    {
        var client = await portal.ClientForAsync("compare-types@x.org");
        var hebb = await HebbAsync(client, 0.5, 5);
        var theory = await RunAsync(client, "perceptron.theory", new { alphaMax = 2.0, points = 20, kappaMax = 1.0, coverN = 10 }, 5);

        var c = await client.GetFromJsonAsync<JsonElement>($"/api/compare?runs={hebb},{theory}", Ct);
        var spec = c.GetProperty("spec").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("values"));
        Assert.Equal(JsonValueKind.Null, spec["kappaMax"][0].ValueKind);
        Assert.Equal("1", spec["kappaMax"][1].GetString());
        Assert.Equal("200", spec["testSize"][0].GetString());
        Assert.Equal(JsonValueKind.Null, spec["testSize"][1].ValueKind);
        var differing = c.GetProperty("differing").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Contains("modelType", differing);
        Assert.Contains("kappaMax", differing);
        Assert.DoesNotContain("seed", differing);
        Assert.Contains("perceptron.theory", c.GetProperty("runs")[1].GetProperty("label").GetString());
        // Each run's figures are kept: those only one type has are shown for it alone.
        var figures = c.GetProperty("figures").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("learning-curve", figures);
        Assert.Contains("capacity", figures);
    }
}
