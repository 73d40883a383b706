using Portal.Tests.Recovery;

namespace Portal.E2E;

/// <summary>The portal in its own process over a fresh data directory, started once for a test class.</summary>
public class PortalServer : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "portal-e2e-" + Guid.NewGuid().ToString("N"));
    private PortalProcess? _process;

    public string BaseUrl => _process?.BaseUrl ?? "";

    public string Log => _process?.Log ?? "";

    public static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(PortalProcess.RepositoryRoot, "tests", "Portal.E2E", "screenshots")).FullName;

    protected virtual Dictionary<string, string> Environment => new() { ["Portal__Workers"] = "1" };

    public async ValueTask InitializeAsync()
    {
        _process = new PortalProcess(_dataDirectory, Environment);
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

/// <summary>The portal with its Examples workspace: a run of every model type, computed on start.</summary>
public sealed class ExamplesPortalServer : PortalServer
{
    protected override Dictionary<string, string> Environment => new() { ["Portal__Workers"] = "1", ["Portal__SeedDemoContent"] = "true" };
}
