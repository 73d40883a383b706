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

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.ScreenshotDirectory, name + ".png"), FullPage = true });
}
