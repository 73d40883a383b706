using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>Twelve Hebb runs (four final α × three seeds) ticked in the runs table and compared on one page.</summary>
public class CompareTests(PortalServer portal) : BrowserTest(portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwelveRuns_SelectedInTheRunsTable_OverlayOnSharedAxesWithErrorBars()
    {
        await using var context = await Browser.NewContextAsync(Driver, Server.BaseUrl);
        var page = await Browser.PageAsync(context);
        await page.SetViewportSizeAsync(1440, 1000);
        var errors = Browser.TrackErrors(page);
        await Browser.SignUpAsync(page, "Comparer", "comparer@e2e.org", "compare12runs");

        using var api = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var login = await (await api.PostAsJsonAsync("/api/auth/login", new { email = "comparer@e2e.org", password = "compare12runs" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var ids = new List<Guid>();
        foreach (var alphaMax in new[] { 1.0, 2.0, 4.0, 8.0 })
            foreach (var seed in new[] { 1, 2, 3 })
            {
                var started = await api.PostAsJsonAsync("/api/runs", new
                {
                    modelType = "perceptron.online-hebb", seed, parameters = new { N = 100, alphaMax, checkpoints = 6, samples = 4, testSize = 400 },
                }, Ct);
                ids.Add((await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
            }
        foreach (var id in ids)
            for (var i = 0; i < 600 && (await api.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Ct)).GetProperty("status").GetString() != "Succeeded"; i++)
                await Task.Delay(200, Ct);

        var workspace = (await api.GetFromJsonAsync<JsonElement>("/api/workspaces", Ct))[0].GetProperty("id").GetGuid();
        await page.GotoAsync($"/workspaces/{workspace}");
        await Browser.WaitInteractiveAsync(page);
        var boxes = page.Locator("input[data-testid=run-select]");
        await Expect(boxes).ToHaveCountAsync(12);
        for (var i = 0; i < 12; i++) await boxes.Nth(i).CheckAsync();
        await Expect(page.Locator("[data-testid=compare-selected]")).ToContainTextAsync("Compare 12");
        await page.ClickAsync("[data-testid=compare-selected]");
        await page.WaitForURLAsync(new Regex("/compare\\?runs="));
        await Browser.WaitInteractiveAsync(page);

        // Only α differs beside the seed: the table shows those two rows and states the rest once.
        await Expect(page.Locator("[data-testid=spec-row]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=spec-same]")).ToContainTextAsync("testSize = 400");
        await page.ClickAsync("input[data-testid=spec-show-all]");
        await Expect(page.Locator("[data-testid=spec-row]")).ToHaveCountAsync(8);
        await page.ClickAsync("input[data-testid=spec-show-all]");

        var learning = page.Locator("[data-testid=compare-figures] .figure-chart[data-figure=learning-curve]");
        await Expect(learning.Locator(".js-plotly-plot .scatterlayer .trace").First).ToBeAttachedAsync();
        Assert.True(await learning.Locator(".scatterlayer .trace").CountAsync() >= 12, "one trace set per run");
        await Expect(learning.Locator(".legendtext", new() { HasText = "alphaMax=8, seed 3" }).First).ToBeVisibleAsync();
        await Expect(learning.Locator(".xtitle")).ToContainTextAsync("α");
        await Expect(learning.Locator(".ytitle")).ToContainTextAsync("ε");
        // Error bars drawn: Plotly puts them in .errorbar groups with a path each.
        Assert.True(await learning.Locator(".errorbar path").CountAsync() > 0, "error bars on the simulation points");
        var metricChart = page.Locator("[data-testid=metric-charts] .figure-chart[data-figure=metric-epsilon_final]");
        await Expect(metricChart.Locator(".js-plotly-plot .scatterlayer .trace").First).ToBeAttachedAsync();
        await Expect(metricChart.Locator(".xtitle")).ToContainTextAsync("Final α");
        Assert.True(await metricChart.Locator(".errorbar path").CountAsync() > 0, "error bars on the metric points");
        await Expect(page.Locator("[data-testid=compare-metrics] tbody tr").First).ToContainTextAsync("±");
        await Expect(page.Locator("[data-testid=checks-row]")).ToContainTextAsync("agree");

        await Browser.ScreenshotAsync(page, "12-compare-runs");
        Assert.Empty(errors);
    }
}
