using System.Text.Json;
using Compute;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Models;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Sweeps;

/// <summary>What can be added to a sweep: more values of its swept parameters, more seeds (a count after the last, or a list).</summary>
public sealed record SweepExtension
{
    public IReadOnlyList<SweepAxisRequest>? Axes { get; init; }
    public int? SeedCount { get; init; }
    public IReadOnlyList<long>? Seeds { get; init; }
}

/// <summary>A sweep with its grid and the state of every member.</summary>
public sealed record SweepState(Sweep Sweep, SweepGrid Grid, IReadOnlyList<SweepMember> Members, WorkspaceAccess Access)
{
    /// <summary>The model version's parameters with the sweep's fixed values: what every member shares but its point.</summary>
    public IReadOnlyDictionary<string, JsonElement> SharedParameters { get; init; } = new Dictionary<string, JsonElement>();

    public int Count(RunStatus status) => Members.Count(m => m.Status == status);

    /// <summary>Mean progress of all members, finished ones counting as done.</summary>
    public double Progress => Members.Count == 0 ? 0 : Members.Average(m => m.Run is { IsFinished: true } ? 1 : m.Run?.Progress ?? 0);
}

/// <summary>
/// Creating sweeps (every member validated before any is queued), reading their members, cancelling, retrying and
/// extending them. Members are made and queued by <see cref="RunService"/>, as single runs are.
/// </summary>
public sealed class SweepService(
    IDbContextFactory<PortalDb> dbFactory,
    WorkspaceService workspaces,
    RunService runs,
    RunNotifier notifier,
    RunCancellations cancellations,
    ActivityLog activity,
    IOptions<PortalOptions> options)
{
    private int MaxMembers => options.Value.Limits.MaxSweepMembers;

    public async Task<Outcome<Sweep>> CreateAsync(Caller caller, Guid modelId, SweepRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.Include(m => m.Versions).FirstOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null) return Outcome<Sweep>.Missing();
        var access = await workspaces.AccessAsync(caller, model.WorkspaceId, ct);
        if (!access.Can(Permission.Run)) return Outcome<Sweep>.Refused(access, Permission.Run);
        var version = model.Versions.FirstOrDefault(v => v.Version == (request.Version ?? model.LatestVersion));
        if (version is null) return Outcome<Sweep>.Invalid("version", $"Model has no version {request.Version}; the latest is {model.LatestVersion}.");
        var type = ModelRegistry.Find(model.ModelType);
        if (type is null) return Outcome<Sweep>.Invalid("modelType", $"The model type {model.ModelType} is no longer offered.");
        var name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim();
        if (name?.Length > Sweep.MaxNameLength) return Outcome<Sweep>.Invalid("name", $"name is at most {Sweep.MaxNameLength} characters.");
        if (TextRules.Problem("name", name) is { } badName) return Outcome<Sweep>.Invalid("name", badName);

        var errors = new List<FieldError>();
        var grid = SweepGrid.Resolve(type.Info.Schema, request, MaxMembers, errors);
        if (grid is null) return Outcome<Sweep>.Invalid(errors);
        var sweep = new Sweep
        {
            Id = Guid.CreateVersion7(), WorkspaceId = model.WorkspaceId, ModelId = model.Id, ModelVersionId = version.Id, ModelType = model.ModelType,
            Name = name ?? $"{model.Name} v{version.Version} over {string.Join(" × ", grid.Axes.Select(a => a.Parameter))}",
            GridJson = grid.ToJson(), CreatedById = caller.UserId, CreatedAt = DateTimeOffset.UtcNow,
        };
        var members = Members(grid, new HashSet<(string, long)>());
        var prepared = PrepareMembers(db, caller, sweep, version, grid, members, errors);
        if (prepared is null) return Outcome<Sweep>.Invalid(errors);
        db.Sweeps.Add(sweep);
        var quota = await runs.QueueAsync(db, caller, prepared, ActivityAction.SweepStarted,
            () => Task.FromResult($"started sweep “{sweep.Name}” ({prepared.Count} runs)"), "sweep", sweep.Id.ToString(), ct);
        return quota.Count > 0 ? Outcome<Sweep>.Invalid(quota) : Outcome<Sweep>.Ok(sweep);
    }

    /// <summary>The sweep with its grid and members, or null when it does not exist or the caller may not read it.</summary>
    public async Task<SweepState?> StateAsync(Caller caller, Guid sweepId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sweep = await db.Sweeps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sweepId, ct);
        if (sweep is null) return null;
        var access = await workspaces.AccessAsync(caller, sweep.WorkspaceId, ct);
        if (!access.CanRead) return null;
        var grid = SweepGrid.FromJson(sweep.GridJson);
        var rows = await db.Runs.AsNoTracking().Where(r => r.SweepId == sweepId)
            .Select(r => new { Run = new Run
            {
                Id = r.Id, Number = r.Number, WorkspaceId = r.WorkspaceId, ModelVersionId = r.ModelVersionId, ModelType = r.ModelType, Seed = r.Seed,
                Status = r.Status, Attempt = r.Attempt, CreatedAt = r.CreatedAt, StartedAt = r.StartedAt, FinishedAt = r.FinishedAt,
                Progress = r.Progress, Stage = r.Stage, Error = r.Error, SweepId = r.SweepId, CreatedById = r.CreatedById,
            }, r.SpecJson }).ToListAsync(ct);
        var byMember = rows.Select(r => (Key: SweepMember.KeyOf(grid, r.SpecJson), r.Run)).GroupBy(r => r.Key)
            .ToDictionary(g => g.Key, g => (Latest: g.MaxBy(x => x.Run.CreatedAt).Run, Count: g.Count()));
        var members = grid.Points().SelectMany(p => grid.Seeds.Select(seed =>
        {
            var key = SweepGrid.PointKey(p);
            return byMember.TryGetValue((key, seed), out var m) ? new SweepMember(p, key, seed, m.Latest, m.Count) : new SweepMember(p, key, seed, null, 0);
        })).ToList();
        var shared = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            await db.ModelVersions.Where(v => v.Id == sweep.ModelVersionId).Select(v => v.ParametersJson).FirstAsync(ct)) ?? [];
        foreach (var (k, v) in grid.Overrides) shared[k] = v;
        return new SweepState(sweep, grid, members, access) { SharedParameters = shared };
    }

    /// <summary>The sweep's state and the result documents of its succeeded members, or null when it is not readable.</summary>
    public async Task<(SweepState State, IReadOnlyDictionary<Guid, Shared.Results.ResultDocument> Results)?> ResultsAsync(Caller caller, Guid sweepId,
        CancellationToken ct = default)
    {
        var state = await StateAsync(caller, sweepId, ct);
        if (state is null) return null;
        var ids = state.Members.Where(m => m.Status == RunStatus.Succeeded).Select(m => m.Run!.Id).ToList();
        return (state, await runs.ResultsAsync(caller, ids, ct));
    }

    public async Task<List<Sweep>> ListForModelAsync(Caller caller, Guid modelId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Id == modelId, ct);
        if (model is null || !(await workspaces.AccessAsync(caller, model.WorkspaceId, ct)).CanRead) return [];
        return await db.Sweeps.AsNoTracking().Where(s => s.ModelId == modelId).OrderByDescending(s => s.CreatedAt).ToListAsync(ct);
    }

    /// <summary>Cancels every queued member at once and signals every running one; returns how many were stopped.</summary>
    public async Task<Outcome<int>> CancelAsync(Caller caller, Guid sweepId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (sweep, refused) = await ForRunAsync(db, caller, sweepId, ct);
        if (sweep is null) return refused!;
        var queued = await db.Runs.Where(r => r.SweepId == sweepId && r.Status == RunStatus.Queued).Select(r => r.Id).ToListAsync(ct);
        await db.Runs.Where(r => r.SweepId == sweepId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, DateTimeOffset.UtcNow), ct);
        var running = await db.Runs.Where(r => r.SweepId == sweepId && r.Status == RunStatus.Running).Select(r => r.Id).ToListAsync(ct);
        await db.Runs.Where(r => r.SweepId == sweepId && r.Status == RunStatus.Running).ExecuteUpdateAsync(s => s.SetProperty(r => r.CancelRequested, true), ct);
        foreach (var id in running) cancellations.Cancel(id);
        foreach (var id in queued) notifier.Publish(new RunUpdate(id, sweep.WorkspaceId, RunStatus.Cancelled, 0, null));
        await activity.RecordAsync(caller.UserId, ActivityAction.SweepCancelled,
            $"cancelled sweep “{sweep.Name}” ({queued.Count} queued, {running.Count} running)", sweep.WorkspaceId, "sweep", sweep.Id.ToString(), ct: ct);
        return Outcome<int>.Ok(queued.Count + running.Count);
    }

    /// <summary>Runs again every member whose latest run failed, was interrupted or was cancelled; returns how many.</summary>
    public async Task<Outcome<int>> RetryAsync(Caller caller, Guid sweepId, CancellationToken ct = default)
    {
        var state = await StateAsync(caller, sweepId, ct);
        if (state is null) return Outcome<int>.Missing();
        if (!state.Access.Can(Permission.Run)) return Outcome<int>.Refused(state.Access, Permission.Run);
        var again = state.Members.Where(m => m.Status is RunStatus.Failed or RunStatus.Interrupted or RunStatus.Cancelled || m.Run is null)
            .Select(m => (m.Point, m.Seed)).ToList();
        if (again.Count == 0) return Outcome<int>.Invalid("members", "No member failed, was interrupted or was cancelled: nothing to retry.");
        return await QueueMoreAsync(caller, state, state.Grid, again, ActivityAction.SweepRetried, "retried", ct);
    }

    /// <summary>Adds values to the swept parameters and/or seeds, and queues the members that are new.</summary>
    public async Task<Outcome<int>> ExtendAsync(Caller caller, Guid sweepId, SweepExtension extension, CancellationToken ct = default)
    {
        var state = await StateAsync(caller, sweepId, ct);
        if (state is null) return Outcome<int>.Missing();
        if (!state.Access.Can(Permission.Run)) return Outcome<int>.Refused(state.Access, Permission.Run);
        var type = ModelRegistry.Find(state.Sweep.ModelType);
        if (type is null) return Outcome<int>.Invalid("modelType", $"The model type {state.Sweep.ModelType} is no longer offered.");
        var errors = new List<FieldError>();
        var grid = state.Grid;
        var axes = grid.Axes.ToList();
        var requested = extension.Axes ?? [];
        for (var i = 0; i < requested.Count; i++)
        {
            var added = SweepGrid.ResolveAxis(type.Info.Schema, requested[i], $"axes[{i}]", MaxMembers, errors);
            if (added is null) continue;
            var at = axes.FindIndex(a => a.Parameter == added.Parameter);
            if (at < 0) { errors.Add(new FieldError($"axes[{i}].parameter", $"{added.Parameter} is not swept here; the sweep varies {string.Join(" and ", axes.Select(a => a.Parameter))}.")); continue; }
            var known = axes[at].Values.Select(v => v.GetRawText()).ToHashSet();
            axes[at] = axes[at] with { Values = [.. axes[at].Values, .. added.Values.Where(v => !known.Contains(v.GetRawText()))] };
        }
        var seeds = grid.Seeds.ToList();
        if (extension.SeedCount is not null && extension.Seeds is not null)
            errors.Add(new FieldError("seeds", "Give either seedCount (seeds after the last one) or a list of seeds, not both."));
        else if (extension.SeedCount is { } n)
        {
            if (n < 1 || n > MaxMembers) errors.Add(new FieldError("seedCount", $"seedCount must be between 1 and {MaxMembers}."));
            else seeds.AddRange(Enumerable.Range(1, n).Select(k => seeds.Max() + k));
        }
        else if (extension.Seeds is { } list)
        {
            if (list.Any(s => s < 0)) errors.Add(new FieldError("seeds", $"Seeds must be non-negative; {list.First(s => s < 0)} is not."));
            else seeds.AddRange(list.Distinct().Where(s => !seeds.Contains(s)));
        }
        if (errors.Count > 0) return Outcome<int>.Invalid(errors);
        var extended = grid with { Axes = axes, Seeds = seeds };
        if ((long)extended.PointCount * seeds.Count > MaxMembers)
            return Outcome<int>.Invalid("members", $"The sweep would have {extended.PointCount} points × {seeds.Count} seeds = {(long)extended.PointCount * seeds.Count} runs; the limit is {MaxMembers}.");
        var existing = state.Members.Select(m => (m.PointKey, m.Seed)).ToHashSet();
        var added2 = Members(extended, existing);
        if (added2.Count == 0) return Outcome<int>.Invalid("axes", "Nothing new: every value and seed given is already in the sweep.");
        return await QueueMoreAsync(caller, state, extended, added2, ActivityAction.SweepExtended, "extended", ct);
    }

    private async Task<Outcome<int>> QueueMoreAsync(Caller caller, SweepState state, SweepGrid grid, IReadOnlyList<(IReadOnlyList<JsonElement> Point, long Seed)> members,
        string action, string verb, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sweep = await db.Sweeps.FirstAsync(s => s.Id == state.Sweep.Id, ct);
        var version = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Id == sweep.ModelVersionId, ct);
        var errors = new List<FieldError>();
        var prepared = PrepareMembers(db, caller, sweep, version, grid, members, errors);
        if (prepared is null) return Outcome<int>.Invalid(errors);
        sweep.GridJson = grid.ToJson();
        var quota = await runs.QueueAsync(db, caller, prepared, action,
            () => Task.FromResult($"{verb} sweep “{sweep.Name}” ({prepared.Count} runs)"), "sweep", sweep.Id.ToString(), ct);
        return quota.Count > 0 ? Outcome<int>.Invalid(quota) : Outcome<int>.Ok(prepared.Count);
    }

    private static List<(IReadOnlyList<JsonElement> Point, long Seed)> Members(SweepGrid grid, HashSet<(string, long)> except) =>
        grid.Points().SelectMany(p => grid.Seeds.Select(seed => (Point: p, Seed: seed)))
            .Where(m => !except.Contains((SweepGrid.PointKey(m.Point), m.Seed))).ToList();

    /// <summary>
    /// Validates every member (schema, the type's rules, limits) and builds its run; on the first bad point returns null
    /// with one error naming the point, the field and how many points fail.
    /// </summary>
    private List<Run>? PrepareMembers(PortalDb db, Caller caller, Sweep sweep, ModelVersion version, SweepGrid grid,
        IReadOnlyList<(IReadOnlyList<JsonElement> Point, long Seed)> members, List<FieldError> errors)
    {
        var baseParameters = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(version.ParametersJson) ?? [];
        foreach (var (k, v) in grid.Overrides) baseParameters[k] = v;
        var prepared = new List<Run>(members.Count);
        FieldError? first = null;
        string? firstPoint = null;
        var badPoints = new HashSet<string>();
        foreach (var (point, seed) in members)
        {
            var parameters = new Dictionary<string, JsonElement>(baseParameters);
            for (var i = 0; i < grid.Axes.Count; i++) parameters[grid.Axes[i].Parameter] = point[i];
            var memberErrors = NotApplying(sweep.ModelType, grid, parameters);
            var run = memberErrors.Count > 0 ? null
                : runs.Prepare(db, caller, sweep.WorkspaceId, version.Id, sweep.ModelType, parameters, version.DatasetId, seed, memberErrors, sweep.Id);
            if (run is not null) { prepared.Add(run); continue; }
            badPoints.Add(SweepGrid.PointKey(point));
            if (first is null) { first = memberErrors[0]; firstPoint = $"{grid.Describe(point)}, seed {seed}"; }
        }
        if (first is null) return prepared;
        var points = grid.Points().Count();
        errors.Add(new FieldError(first.Field, $"At {firstPoint}: {first.Message}" +
            (badPoints.Count > 1 ? $" ({badPoints.Count} of {points} points are invalid; nothing was queued.)" : " (Nothing was queued.)")));
        return null;
    }

    /// <summary>
    /// A swept parameter that does not apply at this point (the hinge margin under the perceptron rule) would be ignored:
    /// every value would run the same computation, so the sweep is refused rather than filled with identical runs.
    /// </summary>
    private static List<FieldError> NotApplying(string modelType, SweepGrid grid, Dictionary<string, JsonElement> parameters)
    {
        var errors = new List<FieldError>();
        if (ModelRegistry.Find(modelType)?.Info.Schema is not { } schema) return errors;
        string? ValueOf(string name) => parameters.TryGetValue(name, out var v) ? SweepGrid.Text(v) : schema.Find(name)?.Default;
        for (var i = 0; i < grid.Axes.Count; i++)
        {
            if (schema.Find(grid.Axes[i].Parameter) is { AppliesWhen: { } when } spec && !schema.Applies(spec, ValueOf))
                errors.Add(new FieldError($"axes[{i}].parameter", $"{spec.Name} does not apply here ({when.Describe()}): every value would run the same computation."));
        }
        return errors;
    }

    private async Task<(Sweep? Sweep, Outcome<int>? Refused)> ForRunAsync(PortalDb db, Caller caller, Guid sweepId, CancellationToken ct)
    {
        var sweep = await db.Sweeps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sweepId, ct);
        if (sweep is null) return (null, Outcome<int>.Missing());
        var access = await workspaces.AccessAsync(caller, sweep.WorkspaceId, ct);
        return access.Can(Permission.Run) ? (sweep, null) : (null, Outcome<int>.Refused(access, Permission.Run));
    }
}
