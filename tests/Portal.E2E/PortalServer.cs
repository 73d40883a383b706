using Portal.Tests.Recovery;

namespace Portal.E2E;

/// <summary>The portal in its own process over a fresh data directory, started once for a test class.</summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-e2e-" + Guid.NewGuid().ToString("N"));
    private PortalProcess? _process;

    public string BaseUrl => _process?.BaseUrl ?? "";

    public string Log => _process?.Log ?? "";

    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(PortalProcess.RepositoryRoot, "tests", "Portal.E2E", "screenshots")).FullName;

    public async ValueTask InitializeAsync()
    {
        _process = new PortalProcess(_dataDirectory, new Dictionary<string, string> { ["Portal__Workers"] = "1" });
        await _process.StartAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        _process?.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
