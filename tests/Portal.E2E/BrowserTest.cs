using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.E2E;

/// <summary>
/// A browser test class on its own portal: Playwright started once per class, and the portal's first account (which
/// becomes Admin) taken by an admin nobody signs in as, so the people the tests sign up are ordinary users.
/// </summary>
public abstract class BrowserTest(PortalServer server) : IClassFixture<PortalServer>, IAsyncLifetime
{
    protected PortalServer Server { get; } = server;

    protected IPlaywright Driver { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Driver = await Playwright.CreateAsync();
        SetDefaultExpectTimeout(30_000);
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        await http.PostAsJsonAsync("/api/auth/register", new { email = "admin@e2e.org", password = "passw0rd-e2e" });
    }

    public ValueTask DisposeAsync()
    {
        Driver.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
