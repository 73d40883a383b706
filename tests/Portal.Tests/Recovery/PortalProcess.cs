using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Tests.Recovery;

/// <summary>
/// The portal as an operator runs it: the built Portal.dll in its own process on a free loopback port over a
/// given data directory, started, stopped or killed (SIGKILL) at will. Shared by the recovery tests and the
/// browser tests.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly StringBuilder _log = new();
    private Process? _process;

    public PortalProcess(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        DataDirectory = dataDirectory;
        Environment = environment ?? new Dictionary<string, string>();
        Arguments = arguments;
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
    }

    public string DataDirectory { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }
    public string BaseUrl { get; }

    /// <summary>Command-line arguments after the URL, e.g. <c>--role worker</c>.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The operating-system id of the running process (for reading its memory), or null when it is not running.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Starts the process and waits (up to a minute) until /healthz answers 200.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryRoot, "src", "Portal", "bin", configuration, "net10.0", "Portal.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the solution first: {dll} is missing.");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseUrl, .. Arguments])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Portal__DataDirectory"] = DataDirectory;
        start.Environment["Portal__SeedDemoContent"] = "false";
        start.Environment["Portal__RateLimits__SignInPerMinute"] = "100000";
        start.Environment["Portal__RateLimits__SignUpPerHour"] = "100000";
        foreach (var (key, value) in Environment) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz", ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, ct);
        }
        throw new InvalidOperationException("The portal did not start:\n" + Log);
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM, as a deploy or an orchestrator stops a process; returns how long it took to exit.</summary>
    public TimeSpan Terminate(TimeSpan patience)
    {
        if (_process is not { HasExited: false } process) return TimeSpan.Zero;
        var sw = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        if (!process.WaitForExit(patience)) throw new InvalidOperationException($"The portal did not exit within {patience.TotalSeconds:0} s of SIGTERM:\n" + Log);
        process.WaitForExit();
        var elapsed = sw.Elapsed;
        process.Dispose();
        _process = null;
        return elapsed;
    }

    public void Dispose() => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
