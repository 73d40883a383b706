using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>A sweep clicked through from the model page: the form, the live member grid, the curve with the theory line.</summary>
public class SweepTests(PortalServer portal) : BrowserTest(portal)
{
    [Fact]
    public async Task SweepOverAlphaWithThreeSeeds_FillsInLive_ShowsMeanWithErrorBarsAndTheHebbCurve()
    {
        await using var context = await Browser.NewContextAsync(Driver, Server.BaseUrl);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", "sweeper@e2e.org");
        await page.FillAsync("#password", "alpha2sweep");
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(Server.BaseUrl + "/");
        await Browser.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/workspaces/"));
        await page.ClickAsync("[data-testid=new-model]");
        await page.WaitForURLAsync(new Regex("/models/new"));
        await page.FillAsync("#model-name", "Online Hebb, N = 100");
        await page.FillAsync("#param-N", "100");
        await page.FillAsync("#param-samples", "4");
        await page.FillAsync("#param-testSize", "500");
        await page.ClickAsync("[data-testid=save-model]");
        await page.WaitForURLAsync(new Regex("/models/[0-9a-f-]{36}$"));

        await page.ClickAsync("[data-testid=sweep-model]");
        await page.WaitForURLAsync(new Regex("/sweep$"));
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("#sweep-from-0", "0.5");
        await page.FillAsync("#sweep-to-0", "8");
        await page.FillAsync("#sweep-count-0", "5");
        await Expect(page.Locator("[data-testid=sweep-member-count]")).ToContainTextAsync("15 runs");
        await Browser.ScreenshotAsync(page, "05-sweep-form");
        await page.ClickAsync("[data-testid=start-sweep]");
        await page.WaitForURLAsync(new Regex("/sweeps/[0-9a-f-]{36}$"));

        await Expect(page.Locator("[data-testid=sweep-grid]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=sweep-counts]")).ToContainTextAsync("15 succeeded", new() { Timeout = 240_000 });
        await Expect(page.Locator(".figure-chart .js-plotly-plot").First).ToBeVisibleAsync();
        await Expect(page.Locator(".figure-chart .legendtext", new() { HasText = "Hebb (exact" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".figure-chart .xtitle")).ToContainTextAsync("α");
        await Expect(page.Locator(".figure-chart .ytitle")).ToContainTextAsync("ε");
        await Browser.ScreenshotAsync(page, "06-sweep-curve");
    }

    [Fact]
    public async Task HopfieldOverLoadAndNoise_PhaseDiagramShowsTheCapacityLine()
    {
        await using var context = await Browser.NewContextAsync(Driver, Server.BaseUrl);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", "hopfield@e2e.org");
        await page.FillAsync("#password", "memory0138");
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(Server.BaseUrl + "/");
        await Browser.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/workspaces/"));
        await page.ClickAsync("[data-testid=new-model]");
        await page.WaitForURLAsync(new Regex("/models/new"));
        await page.ClickAsync("[data-testid=model-type]");
        await page.GetByText("(ebm.hopfield)").ClickAsync();
        await Expect(page.Locator("#param-alphaPoints")).ToBeVisibleAsync();
        await page.FillAsync("#model-name", "Hopfield, N = 200");
        await page.FillAsync("#param-N", "200");
        await page.FillAsync("#param-alphaMax", "0.3");
        await page.FillAsync("#param-alphaPoints", "1");
        await page.FillAsync("#param-networks", "2");
        await page.FillAsync("#param-probes", "2");
        await Browser.ScreenshotAsync(page, "07a-hopfield-model");
        await page.ClickAsync("[data-testid=save-model]");
        await page.WaitForURLAsync(new Regex("/models/[0-9a-f-]{36}$"));

        await page.ClickAsync("[data-testid=sweep-model]");
        await page.WaitForURLAsync(new Regex("/sweep$"));
        await Browser.WaitInteractiveAsync(page);
        await page.FillAsync("#sweep-from-0", "0.04");
        await page.FillAsync("#sweep-to-0", "0.24");
        await page.FillAsync("#sweep-count-0", "5");
        await page.ClickAsync("[data-testid=sweep-add-axis]");
        await page.ClickAsync("[data-testid=sweep-parameter-1]");
        await page.GetByText("(noise)").ClickAsync();
        await page.FillAsync("#sweep-from-1", "0");
        await page.FillAsync("#sweep-to-1", "0.3");
        await page.FillAsync("#sweep-count-1", "4");
        // The default quota (20 queued or running runs per user) counts every member: 5 × 4 points × 2 seeds is refused.
        await page.FillAsync("#sweep-seed-count", "2");
        await Expect(page.Locator("[data-testid=sweep-member-count]")).ToContainTextAsync("40 runs");
        await page.ClickAsync("[data-testid=start-sweep]");
        await Expect(page.Locator("[data-testid=sweep-error]")).ToContainTextAsync("the limit is 20");
        await page.FillAsync("#sweep-seed-count", "1");
        await Expect(page.Locator("[data-testid=sweep-member-count]")).ToContainTextAsync("20 runs");
        await Browser.ScreenshotAsync(page, "07b-hopfield-sweep-form");
        await page.ClickAsync("[data-testid=start-sweep]");
        await page.WaitForURLAsync(new Regex("/sweeps/[0-9a-f-]{36}$"));

        await Expect(page.Locator("[data-testid=sweep-counts]")).ToContainTextAsync("20 succeeded", new() { Timeout = 300_000 });
        await page.GetByText("Phase diagram").ClickAsync();
        await Expect(page.Locator(".figure-chart .js-plotly-plot .heatmaplayer")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=sweep-metric]")).ToContainTextAsync("overlap_first");
        await Browser.ScreenshotAsync(page, "07-sweep-phase-diagram");
        await Expect(page.Locator(".figure-chart .legendtext", new() { HasText = "AGS, T = 0" }).First).ToBeVisibleAsync();
    }
}
