using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Portal.E2E;

/// <summary>
/// Every run page of the Examples workspace, in light and in dark mode (saved before the page loads, as a returning
/// user's choice is), at a desktop and a phone width: every chart has drawn and the browser logged no error.
/// </summary>
public class ExampleFigureTests(ExamplesPortalServer portal) : IClassFixture<ExamplesPortalServer>, IAsyncLifetime
{
    private IPlaywright _playwright = default!;

    // A chart has drawn when Plotly's SVG holds marks: lines and markers, bars, or a heatmap's image.
    private const string UndrawnCharts = """
        () => [...document.querySelectorAll('.figure-chart')]
            .filter(c => !c.querySelector('.js-plotly-plot svg.main-svg .cartesianlayer :is(path.js-line, path.point, .bars path, image)'))
            .map(c => c.dataset.figure)
        """;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    public ValueTask DisposeAsync()
    {
        _playwright.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task EveryExampleRunPage_DrawsEveryChart_InLightAndDarkMode_AtDesktopAndPhoneWidth()
    {
        var runs = await ExampleRunsAsync();
        Assert.True(runs.Count >= 10, $"expected an example run per model type, found {runs.Count}");

        foreach (var theme in new[] { "light", "dark" })
        {
            await using var context = await Browser.NewContextAsync(_playwright, portal.BaseUrl);
            // The saved choice is there before the first draw: the case that left dark charts blank.
            await context.AddInitScriptAsync($"localStorage.setItem('portal.theme', '{theme}')");
            var page = await Browser.PageAsync(context);
            await Browser.SignUpAsync(page, $"Viewer {theme}", $"viewer-{theme}@e2e.org", "figures-e2e-1");
            var errors = Browser.TrackErrors(page);

            foreach (var (id, modelType) in runs)
            {
                await page.SetViewportSizeAsync(1440, 1000);
                await page.GotoAsync($"/runs/{id}");
                await Browser.WaitInteractiveAsync(page);
                await Assertions.Expect(page.Locator(".figure-chart").First).ToBeVisibleAsync();
                await AssertAllDrawnAsync(page, $"{modelType} ({theme}, 1440 px)");
                await Browser.ScreenshotAsync(page, $"examples-{theme}-1440-{modelType}");
                await AssertLayoutAsync(page, $"{modelType} ({theme}, 1440 px)");
                if (theme == "dark" && id == runs[0].Id) await AssertFigureDownloadsAsync(page);

                await page.SetViewportSizeAsync(390, 844);
                await AssertAllDrawnAsync(page, $"{modelType} ({theme}, 390 px)");
                await AssertLayoutAsync(page, $"{modelType} ({theme}, 390 px)");
                if (theme == "dark") await Browser.ScreenshotAsync(page, $"examples-{theme}-390-{modelType}");
            }
            // Switching the theme on a drawn page redraws every chart in the other theme.
            await page.SetViewportSizeAsync(1440, 1000);
            await page.ClickAsync("[data-testid=dark-toggle]");
            await AssertAllDrawnAsync(page, $"{runs[^1].ModelType} (switched from {theme})");
            await Browser.ScreenshotAsync(page, $"examples-switched-from-{theme}-{runs[^1].ModelType}");
            lock (errors) Assert.True(errors.Count == 0, $"{theme}: console errors:\n" + string.Join("\n", errors));
        }
    }

    private static async Task AssertAllDrawnAsync(IPage page, string where)
    {
        try
        {
            await page.WaitForFunctionAsync($"() => ({UndrawnCharts})().length === 0", null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var undrawn = await page.EvaluateAsync<string[]>(UndrawnCharts);
            await Browser.ScreenshotAsync(page, "examples-failed");
            var dom = await page.EvaluateAsync<string>("() => [...document.querySelector('.figure-chart').querySelectorAll('path, image')].slice(0, 30).map(p => p.tagName + '.' + p.getAttribute('class') + ' < ' + p.parentElement.getAttribute('class') + ' < ' + p.parentElement.parentElement.getAttribute('class')).join('\\n')");
            Assert.Fail($"{where}: charts not drawn: {string.Join(", ", undrawn)}\n{dom}");
        }
    }

    /// <summary>
    /// Verdict, then figures, then metrics, then checks; the permalink and its buttons on one line; the app bar on one
    /// line; nothing but the checks table (which scrolls) wider than the window.
    /// </summary>
    private const string LayoutProblems = """
            () => {
              const problems = [];
              const top = s => document.querySelector(s)?.getBoundingClientRect().top ?? NaN;
              const order = ['[data-testid=verdict]', '.figure-chart', '[data-testid=metrics]', '[data-testid=checks-toggle]'];
              for (let i = 1; i < order.length; i++)
                if (!(top(order[i - 1]) < top(order[i]))) problems.push(`${order[i - 1]} not above ${order[i]}`);
              const actions = [...document.querySelectorAll('.run-header-actions > *')].map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
              if (new Set(actions.map(r => Math.round(r.top + r.height / 2))).size > 1) problems.push('permalink row wraps');
              const bar = document.querySelector('.mud-appbar .mud-toolbar');
              if (bar && bar.scrollHeight > bar.clientHeight + 1) problems.push('app bar wraps');
              if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page ${document.documentElement.scrollWidth} px wide: ` +
                  [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))
                    .slice(0, 4).map(e => e.tagName + '.' + e.getAttribute('class') + '@' + Math.round(e.getBoundingClientRect().right)).join(', '));
              return problems;
            }
            """;

    private static async Task AssertLayoutAsync(IPage page, string where)
    {
        // Charts follow a resize after a moment (Plotly's responsive redraw): wait for the layout to settle.
        try
        {
            await page.WaitForFunctionAsync($"() => ({LayoutProblems})().length === 0", null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
        }
        var problems = await page.EvaluateAsync<string[]>(LayoutProblems);
        Assert.True(problems.Length == 0, $"{where}: {string.Join("; ", problems)}");
    }

    /// <summary>A figure's PNG and SVG downloads are the print version: a real PNG, an SVG with the figure's title.</summary>
    private static async Task AssertFigureDownloadsAsync(IPage page)
    {
        var png = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=figure-png]").First.ClickAsync());
        Assert.EndsWith(".png", png.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await png.PathAsync());
        Assert.True(bytes.Length > 5000, $"PNG of {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        var svg = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=figure-svg]").First.ClickAsync());
        Assert.EndsWith(".svg", svg.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await svg.PathAsync());
        Assert.StartsWith("<svg", text);
        Assert.Contains("fill=\"#ffffff\"", text);
    }

    /// <summary>The example runs once all have finished (they are computed when the portal starts).</summary>
    private async Task<List<(Guid Id, string ModelType)>> ExampleRunsAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        await http.PostAsJsonAsync("/api/auth/register", new { email = "admin@e2e.org", password = "passw0rd-e2e" });
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "admin@e2e.org", password = "passw0rd-e2e" });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var workspaces = await http.GetFromJsonAsync<JsonElement>("/api/workspaces");
        var examples = workspaces.EnumerateArray().Single(w => w.GetProperty("isExamples").GetBoolean()).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var runs = (await http.GetFromJsonAsync<JsonElement>($"/api/runs?workspaceId={examples}")).EnumerateArray().ToList();
            if (runs.Count > 0 && runs.All(r => r.GetProperty("status").GetString() is "Succeeded" or "Failed"))
            {
                Assert.All(runs, r => Assert.Equal("Succeeded", r.GetProperty("status").GetString()));
                return runs.Select(r => (r.GetProperty("id").GetGuid(), r.GetProperty("modelType").GetString()!)).OrderBy(r => r.Item2).ToList();
            }
            Assert.True(DateTime.UtcNow < deadline, "the example runs did not finish in 3 minutes");
            await Task.Delay(200); // polling the API until the condition above holds
        }
    }
}
