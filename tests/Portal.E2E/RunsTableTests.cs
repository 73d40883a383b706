using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>The workspace's runs table: filter on a parameter, tag two runs, see their chips, export the filtered table as CSV.</summary>
public class RunsTableTests(PortalServer portal) : BrowserTest(portal)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FilterTagAndExport_TheRunsTable()
    {
        await using var context = await Browser.NewContextAsync(Driver, Server.BaseUrl);
        var page = await Browser.PageAsync(context);
        var errors = Browser.TrackErrors(page);
        await Browser.SignUpAsync(page, "Tagger", "tagger@e2e.org", "tag2runs-e2e");

        using var api = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var login = await (await api.PostAsJsonAsync("/api/auth/login", new { email = "tagger@e2e.org", password = "tag2runs-e2e" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var ids = new List<Guid>();
        foreach (var n in new[] { 40, 80, 120, 160 })
        {
            var started = await api.PostAsJsonAsync("/api/runs", new
            {
                modelType = "perceptron.online-hebb", seed = n, parameters = new { N = n, alphaMax = 1.0, checkpoints = 3, samples = 2, testSize = 200 },
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
        await Expect(boxes).ToHaveCountAsync(4);

        await page.FillAsync("input[data-testid=filter-text]", "N>=80");
        await page.PressAsync("input[data-testid=filter-text]", "Enter");
        await Expect(boxes).ToHaveCountAsync(3);

        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.FillAsync("input[data-testid=bulk-tag-text]", "Fig 3");
        await page.PressAsync("input[data-testid=bulk-tag-text]", "Tab");
        await Expect(page.Locator("[data-testid=bulk-tag]")).ToContainTextAsync("Tag 2");
        await page.ClickAsync("[data-testid=bulk-tag]");
        await Expect(page.Locator("[data-testid=tag-chip]")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=tag-chip]").First).ToContainTextAsync("fig 3");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-csv]"));
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync(), Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length); // the header and the three runs the filter shows
        var header = lines[0].Split(',');
        Assert.Contains("param.N", header);
        Assert.Equal(2, lines.Skip(1).Count(l => l.Split(',')[Array.IndexOf(header, "tags")] == "fig 3"));

        await Browser.ScreenshotAsync(page, "13-runs-table");
        Assert.Empty(errors);
    }
}
