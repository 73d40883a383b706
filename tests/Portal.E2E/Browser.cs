using Microsoft.Playwright;

namespace Portal.E2E;

/// <summary>Debian's chromium driven by Playwright: headless, no sandbox, no background networking.</summary>
public static class Browser
{
    public static readonly string[] Args =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    /// <summary>A fresh browser profile (its own cookies and storage).</summary>
    public static async Task<IBrowserContext> NewContextAsync(IPlaywright playwright, string baseUrl)
    {
        var profile = Directory.CreateTempSubdirectory("portal-e2e-profile-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = Args,
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>Waits until the page's Blazor circuit is interactive (the layout marks it).</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("html[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    /// <summary>
    /// Console errors and policy violations of a page from now on (a Content-Security-Policy refusal, a script
    /// error): a test asserts the list is empty once it is done.
    /// </summary>
    public static List<string> TrackErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (errors) errors.Add(m.Text);
        };
        page.PageError += (_, e) => { lock (errors) errors.Add(e); };
        return errors;
    }

    /// <summary>The context's first page (a persistent context opens with one).</summary>
    public static async Task<IPage> PageAsync(IBrowserContext context) => context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();

    /// <summary>Signs up through the form (optionally with an invitation) and waits for the page it returns to.</summary>
    public static async Task SignUpAsync(IPage page, string name, string email, string password, string query = "")
    {
        await page.GotoAsync("/account/register" + query);
        await page.FillAsync("#displayName", name);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-up");
        await page.WaitForURLAsync(url => !url.Contains("/account/register"));
        await WaitInteractiveAsync(page);
    }

    /// <summary>Picks an option of a MudSelect by the start of its text.</summary>
    public static async Task SelectAsync(IPage page, string selectTestId, string optionText)
    {
        var select = page.Locator($"[data-testid={selectTestId}]");
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = optionText }).First.ClickAsync();
        // The choice reaches the component through the circuit: wait until the field shows it before going on.
        await Assertions.Expect(select).ToContainTextAsync(optionText);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.ScreenshotDirectory, name + ".png"), FullPage = true });
}
