using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Benchmarks;
using Portal.Data;
using Portal.Features.Runs;
using Portal.Features.Workspaces;

// The runs table at scale: seeds one workspace with 10 000 runs (200 sweeps) into a SQLite file through the portal's own
// DbContext and migrations, then times the query service the table and the API call. Usage:
//   dotnet run -c Release --project tests/Portal.Benchmarks -- portal [runs] [repetitions]
// Prints p50 and p95 per query in milliseconds. Not a test: absolute times depend on the machine.
// The portal-load workload (PortalLoad.cs) drives the real portal process over HTTP instead.
var workload = args.Length > 0 ? args[0] : "portal";
int Argument(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
if (workload == "portal-load")
    return await PortalLoad.RunAsync(runCount: Argument(1, 10_000), sessions: Argument(2, 50), TimeSpan.FromSeconds(Argument(3, 60)),
        thinkTime: TimeSpan.FromMilliseconds(Argument(4, 1000)), circuits: Argument(5, 40));
if (workload != "portal")
{
    Console.Error.WriteLine("Workloads: portal [runs=10000] [repetitions=60]");
    Console.Error.WriteLine("           portal-load [runs=10000] [sessions=50] [seconds=60] [think-ms=1000] [circuits=40]  (build the solution in Release first)");
    return 2;
}
var runCount = Argument(1, 10_000);
var repetitions = Argument(2, 60);

var dir = Directory.CreateTempSubdirectory("portal-bench-");
var path = Path.Combine(dir.FullName, "portal.db");
var options = new DbContextOptionsBuilder<PortalDb>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString()).Options;
var factory = new Factory(options);
try
{
    var seedClock = Stopwatch.StartNew();
    var world = await RunsTableSeed.SeedAsync(factory, runCount, sweeps: 200);
    Console.WriteLine($"seeded {runCount} runs, 200 sweeps, {world.ValueRows} parameter/metric rows in {seedClock.Elapsed.TotalSeconds:0.0} s; database {new FileInfo(path).Length / 1e6:0.0} MB");

    var service = new RunQueryService(factory);
    var caller = new Caller(world.UserId, false);
    var ws = new RunQuery { WorkspaceId = world.WorkspaceId, Columns = [new(RunValueKind.Parameter, "alpha"), new(RunValueKind.Metric, "gen_error")] };
    var cases = new (string Name, RunQuery Query)[]
    {
        ("first page (newest first)", ws),
        ("status = Succeeded", ws with { Statuses = [RunStatus.Succeeded] }),
        ("status = Failed or Cancelled", ws with { Statuses = [RunStatus.Failed, RunStatus.Cancelled] }),
        ("model type", ws with { ModelType = "ebm.rbm" }),
        ("model", ws with { ModelId = world.ModelId }),
        ("author", ws with { Author = world.OtherUserId }),
        ("created in a 7-day range", ws with { CreatedFrom = world.Now.AddDays(-14), CreatedBefore = world.Now.AddDays(-7) }),
        ("tag", ws with { Tags = ["fig-3"] }),
        ("two tags", ws with { Tags = ["fig-3", "production"] }),
        ("param alpha >= 1.5", ws with { Values = [new(RunValueKind.Parameter, "alpha", ValueComparison.GreaterOrEqual, 1.5)] }),
        ("metric gen_error < 0.1", ws with { Values = [new(RunValueKind.Metric, "gen_error", ValueComparison.Less, 0.1)] }),
        ("param = and metric range", ws with { Values = [new(RunValueKind.Parameter, "N", ValueComparison.Equal, 200), new(RunValueKind.Metric, "gen_error", ValueComparison.Greater, 0.2)] }),
        ("sweep", ws with { SweepId = world.SweepId }),
        ("sort seed asc", ws with { Sort = new(RunSortKey.Seed, false) }),
        ("sort status", ws with { Sort = new(RunSortKey.Status, false) }),
        ("sort model", ws with { Sort = new(RunSortKey.Model, false) }),
        ("sort author", ws with { Sort = new(RunSortKey.Author, true) }),
        ("sort finished", ws with { Sort = new(RunSortKey.Finished, true) }),
        ("sort -metric gen_error", ws with { Sort = new(RunSortKey.Metric, true, "gen_error") }),
        ("sort param alpha", ws with { Sort = new(RunSortKey.Parameter, false, "alpha") }),
        ("last page (page 400 of 25)", ws with { Page = runCount / 25 - 1 }),
        ("page 100, sort -created", ws with { Page = 99 }),
        ("combined: succeeded, alpha>=1, sort metric, page 5", ws with
        {
            Statuses = [RunStatus.Succeeded], Values = [new(RunValueKind.Parameter, "alpha", ValueComparison.GreaterOrEqual, 1)],
            Sort = new(RunSortKey.Metric, false, "gen_error"), Page = 4,
        }),
        ("page of 200 rows", ws with { PageSize = 200 }),
    };

    Console.WriteLine($"{"query",-52} {"rows",6} {"total",6} {"p50 ms",8} {"p95 ms",8}");
    foreach (var (name, query) in cases)
    {
        var (rows, total, p50, p95) = await TimeAsync(async () =>
        {
            var page = (await service.QueryAsync(caller, query)).Value ?? throw new InvalidOperationException($"{name}: refused");
            return (page.Rows.Count, page.Total);
        }, repetitions);
        Console.WriteLine($"{name,-52} {rows,6} {total,6} {p50,8:0.0} {p95,8:0.0}");
    }
    var (_, _, c50, c95) = await TimeAsync(async () => ((await service.ValueColumnsAsync(caller, ws)).Count, 0), repetitions);
    Console.WriteLine($"{"column chooser: parameter and metric names",-52} {"",6} {"",6} {c50,8:0.0} {c95,8:0.0}");
    var (_, _, t50, t95) = await TimeAsync(async () => ((await service.TagsAsync(caller, ws)).Count, 0), repetitions);
    Console.WriteLine($"{"tag picker: tags in use",-52} {"",6} {"",6} {t50,8:0.0} {t95,8:0.0}");
    var exportClock = Stopwatch.StartNew();
    var exported = 0;
    var columns = (await service.PrepareExportAsync(caller, ws with { Statuses = [RunStatus.Succeeded] })).Value!;
    await foreach (var _ in service.StreamAsync(caller, ws with { Statuses = [RunStatus.Succeeded] }, columns)) exported++;
    Console.WriteLine($"export stream of {exported} succeeded runs with {columns.Count} value columns: {exportClock.Elapsed.TotalMilliseconds:0} ms");
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    dir.Delete(recursive: true);
}

static async Task<(int Rows, int Total, double P50, double P95)> TimeAsync(Func<Task<(int, int)>> query, int repetitions)
{
    for (var i = 0; i < 3; i++) await query();
    var times = new double[repetitions];
    (int, int) last = default;
    for (var i = 0; i < repetitions; i++)
    {
        var clock = Stopwatch.StartNew();
        last = await query();
        times[i] = clock.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return (last.Item1, last.Item2, Percentile(times, 0.50), Percentile(times, 0.95));
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal sealed class Factory(DbContextOptions<PortalDb> options) : IDbContextFactory<PortalDb>
{
    public PortalDb CreateDbContext() => new(options);
}
