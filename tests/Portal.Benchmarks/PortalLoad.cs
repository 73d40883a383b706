using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Tests.Recovery;

namespace Portal.Benchmarks;

/// <summary>
/// The portal as its users meet it at scale: the built Portal.dll in its own process (Production, SQLite, its default workers)
/// over a data directory seeded with 10 000 runs, driven over real HTTP by signed-in sessions that sign in through the form
/// and then load run pages, the workspace page and runs-table API pages. Then, with the load gone and the workers idle, the
/// time from submitting a run to the run being Running; then the portal's resident memory as browser tabs open Blazor circuits.
/// </summary>
public static partial class PortalLoad
{
    private const string Password = "bench-password-1";

    public static async Task<int> RunAsync(int runCount, int sessions, TimeSpan duration, TimeSpan thinkTime, int circuits)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("portal-load-").FullName;
        var dbPath = Path.Combine(dataDirectory, "portal.db");
        var options = new DbContextOptionsBuilder<PortalDb>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = dbPath, DefaultTimeout = 30 }.ToString()).Options;
        var seedClock = Stopwatch.StartNew();
        var world = await RunsTableSeed.SeedAsync(new Factory(options), runCount, sweeps: 200, Password, liveRuns: false);
        Guid[] runIds;
        await using (var db = new PortalDb(options))
            runIds = await db.Runs.Where(r => r.Status == RunStatus.Succeeded).OrderBy(r => r.Number).Select(r => r.Id).Take(2000).ToArrayAsync();
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"seeded {runCount} runs and 200 sweeps in {seedClock.Elapsed.TotalSeconds:0.0} s");

        using var portal = new PortalProcess(dataDirectory, new Dictionary<string, string> { ["Portal__RateLimits__RunsPerMinute"] = "100000" });
        try
        {
            await portal.StartAsync(CancellationToken.None);
            Console.WriteLine($"portal started at {portal.BaseUrl} (Production, SQLite, default workers); resident memory {ResidentMegabytes(portal):0} MB");

            var emails = new[] { "ada@bench.org", "bo@bench.org" };
            var clients = new List<HttpClient>();
            for (var i = 0; i < sessions; i++) clients.Add(await SignInAsync(portal.BaseUrl, emails[i % 2]));
            Console.WriteLine($"{sessions} sessions signed in through the sign-in form");

            var requests = Requests(world.WorkspaceId, runIds);
            await DriveAsync(clients, requests, TimeSpan.FromSeconds(5), thinkTime); // warm-up: JIT, caches, connection pools
            var cpuBefore = CpuSeconds(portal);
            var samples = await DriveAsync(clients, requests, duration, thinkTime);
            var cpu = CpuSeconds(portal) - cpuBefore;
            Report(samples, requests, sessions, duration, thinkTime);
            Console.WriteLine($"the portal process used {cpu:0.0} CPU-seconds in the {duration.TotalSeconds:0} s ({cpu / duration.TotalSeconds:0.00} of {Environment.ProcessorCount} cores), " +
                              $"{1000 * cpu / samples.Count:0.0} ms per request; the load generator runs on the same machine");
            if (samples.Any(s => s.Status >= 500) && portal.Log.IndexOf("Exception", StringComparison.Ordinal) is var at and >= 0)
                Console.WriteLine("the portal's log at its first failure:\n" + portal.Log[at..Math.Min(portal.Log.Length, at + 3000)]);
            foreach (var client in clients) client.Dispose();

            await EnqueueToRunningAsync(portal.BaseUrl, world.ModelId, repetitions: 20);
            await CircuitMemoryAsync(portal, world.WorkspaceId, circuits);
            return 0;
        }
        finally
        {
            portal.Kill();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed record Request(string Kind, Func<Random, string> Url);

    private readonly record struct Sample(int Kind, double Milliseconds, int Status)
    {
        public bool Failed => Status != 200;
    }

    private static Request[] Requests(Guid workspace, Guid[] runIds)
    {
        var queries = new[]
        {
            $"workspaceId={workspace}",
            $"workspaceId={workspace}&status=Succeeded&sort=-metric.gen_error&columns=param.alpha,metric.gen_error",
            $"workspaceId={workspace}&param=alpha>=1.5&page=3",
            $"workspaceId={workspace}&modelType=ebm.rbm&sort=seed",
            $"workspaceId={workspace}&tag=fig-3&pageSize=100",
            $"workspaceId={workspace}&page=200",
        };
        return
        [
            new("run page", r => $"/runs/{runIds[r.Next(runIds.Length)]}"),
            new("workspace page", _ => $"/workspaces/{workspace}"),
            new("runs API query", r => "/api/runs/query?" + queries[r.Next(queries.Length)]),
        ];
    }

    /// <summary>
    /// Every session loops over the three requests in turn, pausing between them for a time drawn uniformly from half to one
    /// and a half times <paramref name="thinkTime"/> (and as long before its first), so sessions do not march in step.
    /// </summary>
    private static async Task<List<Sample>> DriveAsync(List<HttpClient> clients, Request[] requests, TimeSpan duration, TimeSpan thinkTime)
    {
        var until = Stopwatch.StartNew();
        var perSession = await Task.WhenAll(clients.Select(async (client, index) =>
        {
            var random = new Random(index);
            var samples = new List<Sample>();
            TimeSpan Pause() => thinkTime * (0.5 + random.NextDouble());
            if (thinkTime > TimeSpan.Zero) await Task.Delay(Pause());
            for (var turn = index; until.Elapsed < duration; turn++)
            {
                var kind = turn % requests.Length;
                var clock = Stopwatch.StartNew();
                int status;
                try
                {
                    using var answer = await client.GetAsync(requests[kind].Url(random));
                    await answer.Content.ReadAsByteArrayAsync();
                    status = (int)answer.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                }
                samples.Add(new Sample(kind, clock.Elapsed.TotalMilliseconds, status));
                if (thinkTime > TimeSpan.Zero) await Task.Delay(Pause());
            }
            return samples;
        }));
        return perSession.SelectMany(s => s).ToList();
    }

    private static void Report(List<Sample> samples, Request[] requests, int sessions, TimeSpan duration, TimeSpan thinkTime)
    {
        Console.WriteLine($"{sessions} sessions for {duration.TotalSeconds:0} s, {thinkTime.TotalMilliseconds:0} ms (± 50 %) between a session's requests: " +
                          $"{samples.Count} requests ({samples.Count / duration.TotalSeconds:0.0}/s)");
        Console.WriteLine($"{"request",-22} {"count",7} {"errors",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}");
        for (var k = -1; k < requests.Length; k++)
        {
            var times = samples.Where(s => k < 0 || s.Kind == k).Select(s => s.Milliseconds).Order().ToArray();
            var errors = samples.Count(s => (k < 0 || s.Kind == k) && s.Failed);
            if (times.Length == 0) continue;
            Console.WriteLine($"{(k < 0 ? "all" : requests[k].Kind),-22} {times.Length,7} {errors,7} {Percentile(times, 0.50),8:0.0} {Percentile(times, 0.95),8:0.0} " +
                              $"{Percentile(times, 0.99),8:0.0} {times[^1],8:0.0}");
        }
        foreach (var failure in samples.Where(s => s.Failed).GroupBy(s => (s.Kind, s.Status)))
            Console.WriteLine($"  {failure.Count()} × {requests[failure.Key.Kind].Kind} answered {(failure.Key.Status == 0 ? "no response (timeout or connection error)" : "HTTP " + failure.Key.Status)}");
    }

    /// <summary>
    /// Submits a saved model's run with the workers idle and waits until it is Running: the portal's own timestamps give
    /// enqueue → start, the client's clock what a user waits to see. Each run is then cancelled and let finish.
    /// </summary>
    private static async Task EnqueueToRunningAsync(string baseUrl, Guid modelId, int repetitions)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email = "ada@bench.org", password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var server = new List<double>();
        var seen = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            await Task.Delay(500);
            var clock = Stopwatch.StartNew();
            var submitted = await http.PostAsJsonAsync("/api/runs", new { modelId, seed = 1000 + i });
            submitted.EnsureSuccessStatusCode();
            var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            JsonElement run;
            while (true)
            {
                run = await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
                if (run.GetProperty("startedAt").ValueKind != JsonValueKind.Null) break;
                if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"run {id} did not start within 30 s");
                await Task.Delay(5);
            }
            seen.Add(clock.Elapsed.TotalMilliseconds);
            server.Add((run.GetProperty("startedAt").GetDateTimeOffset() - run.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds);
            (await http.PostAsync($"/api/runs/{id}/cancel", null)).EnsureSuccessStatusCode();
            while ((await http.GetFromJsonAsync<JsonElement>($"/api/runs/{id}")).GetProperty("finishedAt").ValueKind == JsonValueKind.Null) await Task.Delay(50);
        }
        var s = server.Order().ToArray();
        var c = seen.Order().ToArray();
        Console.WriteLine($"enqueue → Running with idle workers, {repetitions} runs: portal timestamps p50 {Percentile(s, 0.5):0} ms, p95 {Percentile(s, 0.95):0} ms, max {s[^1]:0} ms; " +
                          $"seen by the client (submit to first poll showing it started, polling every 5 ms) p50 {Percentile(c, 0.5):0} ms, p95 {Percentile(c, 0.95):0} ms");
    }

    /// <summary>
    /// Opens browser tabs on the workspace page in steps and reads the portal's resident memory once each step's circuits are
    /// interactive; the slope of a least-squares line through (circuits, memory) is the memory an open circuit holds,
    /// garbage-collector slack included.
    /// </summary>
    private static async Task CircuitMemoryAsync(PortalProcess portal, Guid workspace, int circuits)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseUrl });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("/account/login");
        await signIn.FillAsync("#email", "bo@bench.org");
        await signIn.FillAsync("#password", Password);
        await signIn.Keyboard.PressAsync("Enter");
        await signIn.WaitForURLAsync(url => !url.Contains("/account/login"));
        await signIn.CloseAsync();

        if (circuits < 2) return;
        var step = Math.Max(1, circuits / 4);
        var points = new List<(int Circuits, double Megabytes)> { (0, await SettledResidentMegabytesAsync(portal)) };
        var pages = new List<IPage>();
        while (pages.Count < circuits)
        {
            for (var i = 0; i < step && pages.Count < circuits; i++)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync($"/workspaces/{workspace}");
                await page.WaitForSelectorAsync("html[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                pages.Add(page);
            }
            points.Add((pages.Count, await SettledResidentMegabytesAsync(portal)));
        }
        var meanX = points.Average(p => p.Circuits);
        var meanY = points.Average(p => p.Megabytes);
        var slope = points.Sum(p => (p.Circuits - meanX) * (p.Megabytes - meanY)) / points.Sum(p => (p.Circuits - meanX) * (p.Circuits - meanX));
        Console.WriteLine("resident memory of the portal with open circuits (workspace page with its runs table): " +
                          string.Join(", ", points.Select(p => $"{p.Circuits} → {p.Megabytes:0} MB")));
        Console.WriteLine($"memory per open circuit (least-squares slope): {slope * 1024:0} KB");
    }

    /// <summary>Resident memory once it has stopped moving: three readings 250 ms apart within 1 MB (at most 10 s).</summary>
    private static async Task<double> SettledResidentMegabytesAsync(PortalProcess portal)
    {
        var readings = new List<double> { ResidentMegabytes(portal) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10)
               && (readings.Count < 3 || readings.TakeLast(3).Max() - readings.TakeLast(3).Min() > 1))
        {
            await Task.Delay(250);
            readings.Add(ResidentMegabytes(portal));
        }
        return readings[^1];
    }

    /// <summary>User plus system CPU time of the portal process so far (/proc/PID/stat, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(PortalProcess portal)
    {
        var fields = File.ReadAllText($"/proc/{portal.ProcessId}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static double ResidentMegabytes(PortalProcess portal)
    {
        var status = File.ReadAllText($"/proc/{portal.ProcessId}/status");
        return double.Parse(ResidentLine().Match(status).Groups[1].Value, CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Signs in through the sign-in form as a browser does (antiforgery token and cookie), keeping the session's cookies.</summary>
    private static async Task<HttpClient> SignInAsync(string baseUrl, string email)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var form = await http.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        using var answer = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["Input.Email"] = email, ["Input.Password"] = Password,
        }));
        if (!handler.CookieContainer.GetCookies(new Uri(baseUrl)).Any(c => c.Name == ".AspNetCore.Identity.Application"))
            throw new InvalidOperationException($"signing in as {email} failed: HTTP {(int)answer.StatusCode}");
        return http;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"VmRSS:\s+(\d+) kB")]
    private static partial Regex ResidentLine();
}
