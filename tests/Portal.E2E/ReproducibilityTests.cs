using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>A run named #1, run again from its page until the badge says it came back bit for bit, then cloned into a prefilled model form.</summary>
public class ReproducibilityTests(PortalServer portal) : BrowserTest(portal)
{
    [Fact]
    public async Task RunAgain_ShowsReproducedBadge_AndCloneAndEdit_PrefillsTheForm()
    {
        await using var context = await Browser.NewContextAsync(Driver, Server.BaseUrl);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", "repeater@e2e.org");
        await page.FillAsync("#password", "same-seed-42");
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(Server.BaseUrl + "/");
        await Browser.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Open" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/workspaces/"));
        await page.ClickAsync("[data-testid=new-model]");
        await page.WaitForURLAsync(new Regex("/models/new"));
        await page.FillAsync("#model-name", "Hebb to repeat");
        await page.FillAsync("#param-N", "70");
        await page.FillAsync("#param-samples", "3");
        await page.FillAsync("#param-testSize", "300");
        await page.ClickAsync("[data-testid=save-model]");
        await page.WaitForURLAsync(new Regex("/models/[0-9a-f-]{36}$"));
        await page.FillAsync("#run-seed", "42");
        await page.ClickAsync("[data-testid=run-model]");
        await page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
        var firstUrl = page.Url;

        await Expect(page.Locator("[data-testid=run-title-number]")).ToHaveTextAsync("#1");
        await Expect(page.Locator("[data-testid=result-hash]")).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await Browser.WaitInteractiveAsync(page);
        var hash = await page.Locator("[data-testid=result-hash]").TextContentAsync();
        Assert.Equal(12, hash!.Trim().Length);

        await page.ClickAsync("[data-testid=run-again]");
        await page.WaitForURLAsync(url => url != firstUrl && Regex.IsMatch(url, "/runs/[0-9a-f-]{36}$"));
        await Expect(page.Locator("[data-testid=run-title-number]")).ToHaveTextAsync("#2");
        await Expect(page.Locator("[data-testid=reproduced-badge]")).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await Expect(page.Locator("[data-testid=reproduced-badge]")).ToContainTextAsync("reproduced bit for bit");
        await Expect(page.Locator("[data-testid=result-hash]")).ToHaveTextAsync(hash.Trim());
        await page.Mouse.MoveAsync(600, 900); // the Run again tooltip would cover the badge
        await Browser.ScreenshotAsync(page, "20-run-again-reproduced");

        await Browser.WaitInteractiveAsync(page);
        await page.ClickAsync("[data-testid=clone-edit]");
        await page.WaitForURLAsync(new Regex("/models/new\\?from="));
        await Expect(page.Locator("[data-testid=cloned-from]")).ToContainTextAsync("#2");
        await Expect(page.Locator("#param-N")).ToHaveValueAsync("70");
        await Expect(page.Locator("#param-samples")).ToHaveValueAsync("3");
        await Expect(page.Locator("#model-name")).ToHaveValueAsync("Hebb to repeat (from run #2)");
        await Browser.ScreenshotAsync(page, "21-clone-and-edit");
    }
}
