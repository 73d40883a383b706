using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>The new-model form hides what the chosen rule does not use and shows the cost; a started run is cancelled through the confirmation.</summary>
public class FormTests(PortalServer portal) : BrowserTest(portal)
{
    private static async Task ChooseAsync(IPage page, string parameter, string option)
    {
        var select = page.Locator($"[data-param={parameter}]");
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
        await Expect(select).ToContainTextAsync(option);
    }

    [Fact]
    public async Task RuleHidesTheMargin_FormShowsTheCost_RunIsCancelledAfterConfirmingAndKeepsItsCurves()
    {
        await using var context = await Browser.NewContextAsync(Driver, Server.BaseUrl);
        var page = await Browser.PageAsync(context);
        var errors = Browser.TrackErrors(page);
        await Browser.SignUpAsync(page, "Forms", "forms@e2e.org", "hinge-margin-1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/workspaces/"));
        await page.ClickAsync("[data-testid=new-model]");
        await page.WaitForURLAsync(new Regex("/models/new"));
        await Browser.WaitInteractiveAsync(page);
        await Browser.SelectAsync(page, "model-type", "Perceptron · On-line learning dynamics");

        // The margin belongs to the hinge rule only.
        await Expect(page.Locator("#param-kappa")).ToHaveCountAsync(0);
        await ChooseAsync(page, "rule", "hinge");
        await Expect(page.Locator("#param-kappa")).ToBeVisibleAsync();
        await ChooseAsync(page, "rule", "hebb");
        await Expect(page.Locator("#param-kappa")).ToHaveCountAsync(0);

        await page.FillAsync("#model-name", "Long on-line Hebb");
        await page.FillAsync("#param-N", "2000");
        await page.FillAsync("#param-tMax", "200");
        await page.FillAsync("#param-checkpoints", "100");
        await page.FillAsync("#param-samples", "400");
        var estimate = page.Locator("[data-testid=run-estimate]");
        await Expect(estimate).ToContainTextAsync("of the limit");
        // A fresh portal has no finished run of this type: no time is made up.
        await Expect(page.Locator("[data-testid=time-estimate]")).ToContainTextAsync("no estimate yet");
        var fraction = double.Parse((await page.Locator("[data-testid=work-fraction]").GetAttributeAsync("data-fraction"))!, CultureInfo.InvariantCulture);
        Assert.InRange(fraction, 1e-6, 1);
        await Browser.ScreenshotAsync(page, "20-form-estimate");

        await page.ClickAsync("[data-testid=save-model]");
        await page.WaitForURLAsync(new Regex("/models/[0-9a-f-]{36}$"));
        await Browser.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=run-version-1]")).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=run-model]");
        await page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"));
        await Browser.WaitInteractiveAsync(page);

        var bar = page.Locator("[data-testid=progress-bar]");
        await Expect(bar).ToHaveAttributeAsync("data-progress", new Regex(@"^0\.(0[5-9]|[1-9])"), new() { Timeout = 120_000 });
        await page.ClickAsync("[data-testid=cancel-run]");
        await Expect(page.GetByText("Cancel this run?")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "21-cancel-confirmation");
        await page.ClickAsync("[data-testid=confirm-cancel]");

        await Expect(page.Locator("[data-testid=cancelled-partial]")).ToContainTextAsync("partial result", new() { Timeout = 30_000 });
        await Expect(page.Locator(".figure-chart .js-plotly-plot").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "22-cancelled-partial");
        Assert.Empty(errors);
    }
}
