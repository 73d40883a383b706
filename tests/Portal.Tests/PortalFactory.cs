using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests;

/// <summary>
/// The whole portal in-process over a fresh SQLite file, with one compute worker, no demo content and rate
/// limits out of the way (tests sign in far more often than people; <see cref="Settings"/> can set them back).
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>Configuration for this portal, on top of the defaults below.</summary>
    protected Dictionary<string, string> Settings { get; } = new()
    {
        ["Portal:RateLimits:SignInPerMinute"] = "100000",
        ["Portal:RateLimits:SignUpPerHour"] = "100000",
        ["Portal:RateLimits:TokensPerHour"] = "100000",
        ["Portal:RateLimits:RunsPerMinute"] = "100000",
    };

    private string? _postgres;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Development by default; Production where a test checks what users of a deployment see.</summary>
    protected string EnvironmentName { get; init; } = "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Portal:DataDirectory", _dataDirectory);
        builder.UseSetting("Portal:SeedDemoContent", "false");
        builder.UseSetting("Portal:Workers", "1");
        if (TestPostgres.Enabled)
        {
            _postgres ??= TestPostgres.CreateDatabase();
            builder.UseSetting("Portal:Database", "postgres");
            builder.UseSetting("ConnectionStrings:Portal", _postgres);
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>Registers (if needed) and signs in a user over the API; returns a client carrying its bearer token.</summary>
    public async Task<HttpClient> ClientForAsync(string email, string password = "passw0rd-test")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.PostAsJsonAsync("/api/auth/register", new { email, password });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
        if (_postgres is not null) TestPostgres.DropDatabase(_postgres);
    }
}
