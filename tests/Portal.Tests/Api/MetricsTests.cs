using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Api;

/// <summary>/metrics: Prometheus text for admins only, with the run metrics (queue depth, durations by model type, ends by status).</summary>
public class MetricsTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public MetricsTests(PortalFactory portal) => _portal = portal;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_ScrapesRunMetrics_OthersAreRefused()
    {
        var admin = await _portal.ClientForAsync("metrics-admin@x.org");
        var user = await _portal.ClientForAsync("metrics-user@x.org");
        var anonymous = _portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var started = await user.PostAsJsonAsync("/api/runs", new
        {
            modelType = "perceptron.online-hebb", seed = 1, parameters = new { N = 50, alphaMax = 1.0, checkpoints = 2, samples = 2, testSize = 100 },
        }, Ct);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        await Workers.GracefulShutdownTests.WaitForAsync(user, id, s => s.GetProperty("status").GetString() == "Succeeded", TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/metrics", Ct)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics", Ct)).StatusCode);
        var scrape = await admin.GetAsync("/metrics", Ct);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync(Ct);
        TestContext.Current.SendDiagnosticMessage(string.Join("\n", text.Split('\n').Where(l => l.StartsWith("portal_", StringComparison.Ordinal)).Take(12)));
        Assert.Contains("portal_runs_queued", text);
        Assert.Contains("portal_runs_running", text);
        Assert.Matches("portal_run_duration_seconds_count\\{[^}]*model_type=\"perceptron.online-hebb\"[^}]*status=\"Succeeded\"", text);
        Assert.Matches("portal_runs_finished_total\\{[^}]*model_type=\"perceptron.online-hebb\"", text);
    }
}
