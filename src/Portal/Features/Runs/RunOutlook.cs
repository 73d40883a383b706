using System.Collections.Concurrent;
using System.Text.Json;
using Compute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Runs;

/// <summary>
/// What a run's work is against the limit, and the time it would take: seconds per unit of work measured on recent
/// finished runs of the same model type (null when there are none: no number is made up).
/// </summary>
public sealed record RunCost(double Work, double MaxWork, double? Seconds, int CalibrationRuns)
{
    public double FractionOfLimit => MaxWork > 0 ? Work / MaxWork : double.NaN;
}

/// <summary>
/// What to expect of a run: its cost before it starts (<see cref="Cost"/>), its place in the queue while it waits
/// (<see cref="QueuePositionAsync"/>) and the time left while it runs (<see cref="Remaining"/>).
/// </summary>
public sealed class RunOutlook(IDbContextFactory<PortalDb> dbFactory, WorkspaceService workspaces, IOptions<PortalOptions> options, RunOutlook.Calibrations calibrations)
{
    /// <summary>Per model type: the median seconds per unit of work, how many runs gave it, and when it was measured (one per process).</summary>
    public sealed class Calibrations
    {
        internal ConcurrentDictionary<string, (double? SecondsPerWork, int Runs, DateTime At)> ByType { get; } = new();
    }

    /// <summary>How many recent successful runs of a model type calibrate its seconds per unit of work.</summary>
    public const int CalibrationWindow = 20;

    private static readonly TimeSpan CalibrationLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The cost of a run of this type with these values; null when the type cannot tell (e.g. it depends on an upload).</summary>
    public async Task<RunCost?> CostAsync(string modelType, ParameterValues values, CancellationToken ct = default)
    {
        var type = ModelRegistry.Find(modelType);
        if (type?.Estimate(values) is not { } estimate || !(estimate.Work > 0)) return null;
        var (secondsPerWork, runs) = await CalibrationAsync(type, ct);
        return new RunCost(estimate.Work, options.Value.Limits.ToRunLimits().MaxWork, estimate.Work * secondsPerWork, runs);
    }

    /// <summary>The cost of the parameters as typed in a form; null while they do not resolve.</summary>
    public Task<RunCost?> CostAsync(string modelType, IReadOnlyDictionary<string, JsonElement> supplied, CancellationToken ct = default)
    {
        var type = ModelRegistry.Find(modelType);
        if (type is null) return Task.FromResult<RunCost?>(null);
        var errors = new List<FieldError>();
        var values = type.Info.Schema.Resolve(supplied, errors);
        return errors.Count > 0 ? Task.FromResult<RunCost?>(null) : CostAsync(modelType, values, ct);
    }

    /// <summary>
    /// How many waiting runs will start before this one, in the fair queue's order; null when the run is not waiting or
    /// the caller may not see it.
    /// </summary>
    public async Task<int?> QueuePositionAsync(Caller caller, Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.WorkspaceId, r.Status, r.CancelRequested }).FirstOrDefaultAsync(ct);
        if (run is null || run.Status != RunStatus.Queued || run.CancelRequested) return null;
        if (!(await workspaces.AccessAsync(caller, run.WorkspaceId, ct)).CanRead) return null;
        var waiting = (await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Queued && !r.CancelRequested)
                .Select(r => new { r.Id, r.CreatedById, r.CreatedAt }).ToListAsync(ct))
            .Select(r => new QueueOrder.Waiting(r.Id, r.CreatedById, r.CreatedAt)).ToList();
        var users = waiting.Select(w => w.User).Distinct().ToList();
        var running = (await db.Runs.Where(r => r.Status == RunStatus.Running && users.Contains(r.CreatedById)).Select(r => r.CreatedById).ToListAsync(ct))
            .GroupBy(u => u ?? "").ToDictionary(g => g.Key, g => g.Count());
        var lastStart = (await db.Runs.Where(r => r.StartedAt != null && users.Contains(r.CreatedById)).Select(r => new { r.CreatedById, r.StartedAt }).ToListAsync(ct))
            .GroupBy(r => r.CreatedById ?? "").ToDictionary(g => g.Key, g => g.Max(r => r.StartedAt!.Value));
        var order = QueueOrder.Predict(waiting, running, lastStart);
        var index = order.IndexOf(runId);
        return index < 0 ? null : index;
    }

    /// <summary>
    /// Time left from the progress so far, assuming the rest goes at the same pace; null until there is enough to go on
    /// (more than 2 % done and more than 2 s elapsed).
    /// </summary>
    public static TimeSpan? Remaining(double progress, TimeSpan elapsed)
    {
        if (!(progress > 0.02) || progress >= 1 || elapsed <= TimeSpan.FromSeconds(2)) return null;
        return elapsed * ((1 - progress) / progress);
    }

    /// <summary>"under a second", "about 40 s", "about 3 min", "about 2.5 h".</summary>
    public static string Describe(TimeSpan t) => t.TotalSeconds switch
    {
        < 1 => "under a second",
        < 90 => $"about {Math.Round(t.TotalSeconds):0} s",
        < 5400 => $"about {Math.Round(t.TotalMinutes):0} min",
        _ => $"about {t.TotalHours:0.#} h",
    };

    private async Task<(double? SecondsPerWork, int Runs)> CalibrationAsync(IModelType type, CancellationToken ct)
    {
        var id = type.Info.Id;
        if (calibrations.ByType.TryGetValue(id, out var cached) && DateTime.UtcNow - cached.At < CalibrationLifetime)
            return (cached.SecondsPerWork, cached.Runs);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recent = await db.Runs.AsNoTracking()
            .Where(r => r.ModelType == id && r.Status == RunStatus.Succeeded && r.StartedAt != null && r.FinishedAt != null)
            .OrderByDescending(r => r.FinishedAt).Take(CalibrationWindow)
            .Select(r => new { r.SpecJson, r.StartedAt, r.FinishedAt }).ToListAsync(ct);
        var rates = new List<double>();
        foreach (var r in recent)
        {
            var seconds = (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds;
            if (WorkOf(type, r.SpecJson) is { } work && work > 0 && seconds > 0) rates.Add(seconds / work);
        }
        double? median = rates.Count == 0 ? null : Median(rates);
        calibrations.ByType[id] = (median, rates.Count, DateTime.UtcNow);
        return (median, rates.Count);
    }

    private static double? WorkOf(IModelType type, string specJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(specJson);
            var values = ParameterValues.FromJson(doc.RootElement.GetProperty("parameters").GetRawText(), type.Info.Schema);
            return type.Estimate(values)?.Work;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // A run stored under an older schema says nothing about today's cost model.
            return null;
        }
    }

    private static double Median(List<double> xs)
    {
        xs.Sort();
        var n = xs.Count;
        return n % 2 == 1 ? xs[n / 2] : 0.5 * (xs[n / 2 - 1] + xs[n / 2]);
    }
}
