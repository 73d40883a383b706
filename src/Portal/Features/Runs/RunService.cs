using System.Security.Cryptography;
using System.Text.Json;
using Compute;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Datasets;
using Portal.Features.Models;
using Portal.Features.Workspaces;
using Shared.Models;
using Shared.Runs;

namespace Portal.Features.Runs;

public sealed record RunFilter(RunStatus? Status = null, string? Search = null, int Take = 100);

/// <summary>Starting, reading, listing and cancelling runs, with the caller's rights checked on each.</summary>
public sealed class RunService(
    IDbContextFactory<PortalDb> dbFactory,
    WorkspaceService workspaces,
    IBackgroundJobClient jobs,
    RunNotifier notifier,
    RunCancellations cancellations,
    ActivityLog activity,
    IOptions<PortalOptions> options)
{
    public static string SoftwareVersion { get; } =
        "Compute " + (typeof(ModelRegistry).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>Runs the latest (or a given) version of a saved model with the given or a fresh random seed.</summary>
    public async Task<Outcome<Run>> StartAsync(Caller caller, Guid modelId, long? seed, int? version = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.Include(m => m.Versions).FirstOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null) return Outcome<Run>.Missing();
        var access = await workspaces.AccessAsync(caller, model.WorkspaceId, ct);
        if (!access.Can(Permission.Run)) return Outcome<Run>.Refused(access, Permission.Run);
        var v = model.Versions.FirstOrDefault(x => x.Version == (version ?? model.LatestVersion));
        if (v is null) return Outcome<Run>.Invalid("version", $"Model has no version {version}; the latest is {model.LatestVersion}.");
        var parameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(v.ParametersJson);
        return await EnqueueAsync(db, caller, model.WorkspaceId, v.Id, model.ModelType, parameters, v.DatasetId, seed, ct);
    }

    /// <summary>Runs a model type with inline parameters (API), in the given or the caller's personal workspace.</summary>
    public async Task<Outcome<Run>> StartInlineAsync(Caller caller, Guid? workspaceId, string? modelType,
        IReadOnlyDictionary<string, JsonElement>? parameters, long? seed, CancellationToken ct = default, Guid? datasetId = null)
    {
        var wsId = workspaceId ?? await workspaces.PersonalWorkspaceIdAsync(caller, ct);
        if (wsId is null) return Outcome<Run>.Invalid("workspaceId", "workspaceId is required (the caller has no personal workspace).");
        var access = await workspaces.AccessAsync(caller, wsId.Value, ct);
        if (!access.Can(Permission.Run)) return Outcome<Run>.Refused(access, Permission.Run);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await EnqueueAsync(db, caller, wsId.Value, null, modelType, parameters, datasetId, seed, ct);
    }

    // One gate per user: counting the active runs and adding new ones is a single step, so a burst cannot exceed the quota.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> QuotaGates = new();

    private async Task<Outcome<Run>> EnqueueAsync(PortalDb db, Caller caller, Guid workspaceId, Guid? versionId, string? modelType,
        IReadOnlyDictionary<string, JsonElement>? parameters, Guid? datasetId, long? seed, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var run = Prepare(db, caller, workspaceId, versionId, modelType, parameters, datasetId, seed ?? RandomNumberGenerator.GetInt32(int.MaxValue), errors);
        if (run is null) return Outcome<Run>.Invalid(errors);
        var queued = await QueueAsync(db, caller, [run], ActivityAction.RunStarted, async () =>
        {
            var modelName = versionId is null ? null : await db.ModelVersions.Where(v => v.Id == versionId).Select(v => v.Model!.Name + " v" + v.Version).FirstOrDefaultAsync(ct);
            return $"started run {run.Label} of “{modelName ?? run.ModelType}” (seed {run.Seed})";
        }, "run", run.Id.ToString(), ct);
        return queued.Count > 0 ? Outcome<Run>.Invalid(queued) : Outcome<Run>.Ok(run);
    }

    /// <summary>
    /// Validates a spec (schema, the type's own rules, limits, data set) and builds its Queued run row, not yet saved.
    /// Single runs and sweep members are both made here.
    /// </summary>
    public Run? Prepare(PortalDb db, Caller caller, Guid workspaceId, Guid? versionId, string? modelType,
        IReadOnlyDictionary<string, JsonElement>? parameters, Guid? datasetId, long seed, List<FieldError> errors, Guid? sweepId = null)
    {
        var limits = options.Value.Limits.ToRunLimits();
        var spec = ModelRegistry.Prepare(modelType, parameters, seed, limits, errors);
        if (spec is null) return null;
        var dataset = DatasetBinding.Resolve(db, ModelRegistry.Find(spec.ModelType)!, spec.Parameters, datasetId, workspaceId, limits, errors);
        if (errors.Count > 0) return null;
        return new Run
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, ModelVersionId = versionId, ModelType = spec.ModelType,
            Seed = spec.Seed, SpecJson = spec.ToCanonicalJson(), SpecHash = SpecHash(spec, dataset?.ContentHash), SoftwareVersion = SoftwareVersion,
            Status = RunStatus.Queued, CreatedById = caller.UserId, CreatedAt = DateTimeOffset.UtcNow, DatasetId = dataset is null ? null : datasetId,
            SweepId = sweepId,
        };
    }

    /// <summary>
    /// Within the caller's quota of active runs (counted run by run, so a sweep counts its members), saves the prepared
    /// runs with one activity entry and whatever else the context tracks, in one transaction, then enqueues them.
    /// Returns the quota error, or nothing when they were queued.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> QueueAsync(PortalDb db, Caller caller, IReadOnlyList<Run> runs, string action, Func<Task<string>> activitySummary,
        string targetKind, string targetId, CancellationToken ct)
    {
        var gate = QuotaGates.GetOrAdd(caller.UserId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var limit = options.Value.Limits.MaxActiveRunsPerUser;
            var active = await db.Runs.CountAsync(r => r.CreatedById == caller.UserId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running), ct);
            if (active + runs.Count > limit)
                return [new FieldError("runs", runs.Count == 1
                    ? $"You already have {active} runs queued or running; the limit is {limit}. Wait for some to finish or cancel them."
                    : $"This would queue {runs.Count} runs beside the {active} you have queued or running; the limit is {limit} at once. Wait for some to finish, cancel them, or sweep fewer points or seeds.")];
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await RunNumbers.AssignAsync(db, runs[0].WorkspaceId, runs, ct);
            db.Runs.AddRange(runs);
            var ws = await db.Workspaces.FirstAsync(w => w.Id == runs[0].WorkspaceId, ct);
            await ActivityLog.AddAsync(db, caller.UserId, action, await activitySummary(), ws, targetKind, targetId, ct: ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            gate.Release();
        }
        foreach (var run in runs)
        {
            Enqueue(run.Id);
            notifier.Publish(new RunUpdate(run.Id, run.WorkspaceId, run.Status, 0, null));
        }
        return [];
    }

    /// <summary>The spec's hash, extended by the content hash of an attached data set (same data, same hash).</summary>
    public static string SpecHash(RunSpec spec, string? datasetHash) => datasetHash is null ? spec.Hash()
        : Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(spec.ToCanonicalJson() + "|dataset:" + datasetHash)));

    /// <summary>Puts a run id on the compute queue; the job re-reads everything from the row.</summary>
    public void Enqueue(Guid runId) => jobs.Enqueue<ExecuteRunJob>(j => j.Execute(runId, CancellationToken.None));

    /// <summary>The run, or null when it does not exist or the caller may not see it.</summary>
    public async Task<Run?> GetAsync(Caller caller, Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().Include(r => r.ModelVersion).ThenInclude(v => v!.Model).FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null || !(await workspaces.AccessAsync(caller, run.WorkspaceId, ct)).CanRead) return null;
        return run;
    }

    /// <summary>Earlier succeeded runs with the same spec hash and software version (the run repeats them).</summary>
    public async Task<List<Guid>> IdenticalRunsAsync(Caller caller, Run run, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.Runs.AsNoTracking()
            .Where(r => r.SpecHash == run.SpecHash && r.Id != run.Id && r.Status == RunStatus.Succeeded && r.SoftwareVersion == run.SoftwareVersion)
            .OrderBy(r => r.Id).Take(20).Select(r => new { r.Id, r.WorkspaceId }).ToListAsync(ct);
        var visible = new List<Guid>();
        foreach (var c in candidates)
            if ((await workspaces.AccessAsync(caller, c.WorkspaceId, ct)).CanRead) visible.Add(c.Id);
        return visible;
    }

    public async Task<List<Run>> ListForWorkspaceAsync(Caller caller, Guid workspaceId, int take = 50, CancellationToken ct = default)
    {
        if (!(await workspaces.AccessAsync(caller, workspaceId, ct)).CanRead) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Runs.AsNoTracking()
            .Where(r => r.WorkspaceId == workspaceId).OrderByDescending(r => r.CreatedAt).Take(take).Select(RunSummary.Projection).ToListAsync(ct);
    }

    /// <summary>The result documents of those of the given succeeded runs the caller may read (lists carry none).</summary>
    public async Task<Dictionary<Guid, Shared.Results.ResultDocument>> ResultsAsync(Caller caller, IReadOnlyCollection<Guid> runIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Runs.AsNoTracking().Where(r => runIds.Contains(r.Id) && r.Status == RunStatus.Succeeded && r.ResultJson != null)
            .Select(r => new { r.Id, r.WorkspaceId, r.ResultJson }).ToListAsync(ct);
        var result = new Dictionary<Guid, Shared.Results.ResultDocument>();
        foreach (var workspace in rows.GroupBy(r => r.WorkspaceId))
            if ((await workspaces.AccessAsync(caller, workspace.Key, ct)).CanRead)
                foreach (var r in workspace) result[r.Id] = Shared.Results.ResultJson.Deserialize(r.ResultJson!);
        return result;
    }

    /// <summary>Every run of every workspace (admins only), filtered by status and a search over id, type, model and user.</summary>
    public async Task<List<AdminRunRow>> ListAllAsync(Caller caller, RunFilter filter, CancellationToken ct = default)
    {
        if (!caller.IsAdmin) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = from r in db.Runs.AsNoTracking()
                join w in db.Workspaces on r.WorkspaceId equals w.Id
                join u in db.Users on r.CreatedById equals u.Id into users
                from u in users.DefaultIfEmpty()
                select new { r, Workspace = w.Name, User = u == null ? null : u.Email, Model = r.ModelVersion == null ? null : r.ModelVersion.Model!.Name };
        // The filter runs over the rows; what comes back is only the list's columns (see RunSummary).
        if (filter.Status is { } status) q = q.Where(x => x.r.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim().ToLower();
            q = q.Where(x => x.r.ModelType.ToLower().Contains(s) || (x.Model != null && x.Model.ToLower().Contains(s))
                             || (x.User != null && x.User.ToLower().Contains(s)) || x.Workspace.ToLower().Contains(s));
        }
        var rows = await q.OrderByDescending(x => x.r.CreatedAt).Take(Math.Clamp(filter.Take, 1, 1000))
            .Select(x => new { x.r.Id, x.Workspace, x.User, x.Model }).ToListAsync(ct);
        var ids = rows.Select(x => x.Id).ToList();
        var runs = (await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(RunSummary.Projection).ToListAsync(ct)).ToDictionary(r => r.Id);
        var result = rows.Select(x => new AdminRunRow(runs[x.Id], x.Workspace, x.User, x.Model)).ToList();
        // Ids are not searchable in SQL as text across providers; match them here.
        if (!string.IsNullOrWhiteSpace(filter.Search) && Guid.TryParse(filter.Search.Trim(), out var id) && result.All(r => r.Run.Id != id))
        {
            var byId = await db.Runs.AsNoTracking().Where(r => r.Id == id).Select(RunSummary.Projection).FirstOrDefaultAsync(ct);
            if (byId is not null) result.Insert(0, new AdminRunRow(byId, "", null, null));
        }
        return result;
    }

    /// <summary>
    /// Cancels a queued or running run. A queued run is marked Cancelled at once; a running one is signalled
    /// (in this process directly, elsewhere through the database flag) and its job marks it Cancelled.
    /// </summary>
    public async Task<Outcome<Run>> CancelAsync(Caller caller, Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return Outcome<Run>.Missing();
        var access = await workspaces.AccessAsync(caller, run.WorkspaceId, ct);
        // Admins may stop any run (a runaway job is an operations matter); it is logged as an admin action.
        var asAdmin = !access.Can(Permission.Run) && caller.IsAdmin && !caller.ReadOnlyToken;
        if (!access.Can(Permission.Run) && !asAdmin) return Outcome<Run>.Refused(access, Permission.Run);
        if (run.IsFinished) return Outcome<Run>.Invalid("status", $"The run has already finished ({run.Status}).");
        await activity.RecordAsync(caller.UserId, asAdmin ? ActivityAction.AdminCancelledRun : ActivityAction.RunCancelled,
            $"{(asAdmin ? "(admin) " : "")}cancelled run {run.Label} ({run.ModelType}, {run.Status})", run.WorkspaceId, "run", run.Id.ToString(), ct: ct);

        if (run.Status == RunStatus.Queued)
        {
            var changed = await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow), ct);
            if (changed == 1)
            {
                notifier.Publish(new RunUpdate(run.Id, run.WorkspaceId, RunStatus.Cancelled, run.Progress, run.Stage));
                return Outcome<Run>.Ok((await GetAsync(caller, runId, ct))!);
            }
        }
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), ct);
        cancellations.Cancel(runId);
        return Outcome<Run>.Ok((await GetAsync(caller, runId, ct))!);
    }
}

public sealed record AdminRunRow(Run Run, string Workspace, string? User, string? Model);
