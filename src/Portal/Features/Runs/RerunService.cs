using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;

namespace Portal.Features.Runs;

/// <summary>"Run again": a finished run executed anew with its model version, seed, parameters and data set, and the comparison of the two results.</summary>
public sealed class RerunService(IDbContextFactory<PortalDb> dbFactory, WorkspaceService workspaces, RunService runs)
{
    /// <summary>
    /// Queues a new run with the same spec as <paramref name="runId"/>, linked to it, through the same validation, limits
    /// and quota as any run start. Refused when the spec no longer resolves to the same hash (e.g. limits or defaults changed).
    /// </summary>
    public async Task<Outcome<Run>> RerunAsync(Caller caller, Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var original = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (original is null) return Outcome<Run>.Missing();
        var access = await workspaces.AccessAsync(caller, original.WorkspaceId, ct);
        if (!access.Can(Permission.Run)) return Outcome<Run>.Refused(access, Permission.Run);
        if (!original.IsFinished)
            return Outcome<Run>.Invalid("status", $"Run {original.Label} is still {original.Status.ToString().ToLowerInvariant()}: run it again once it has finished.");

        var parameters = JsonDocument.Parse(original.SpecJson).RootElement.GetProperty("parameters")
            .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        var errors = new List<Shared.Models.FieldError>();
        var run = runs.Prepare(db, caller, original.WorkspaceId, original.ModelVersionId, original.ModelType, parameters, original.DatasetId, original.Seed, errors);
        if (run is null) return Outcome<Run>.Invalid(errors);
        if (run.SpecHash != original.SpecHash)
            return Outcome<Run>.Invalid("spec", $"Run {original.Label}'s spec no longer resolves to the same hash (its data set or this portal's parameter rules changed), so it cannot be repeated exactly.");
        run.RerunOfId = original.Id;
        var quota = await runs.QueueAsync(db, caller, [run], ActivityAction.RunStarted,
            () => Task.FromResult($"ran run {original.Label} again as {run.Label} (seed {run.Seed})"), "run", run.Id.ToString(), ct);
        return quota.Count > 0 ? Outcome<Run>.Invalid(quota) : Outcome<Run>.Ok(run);
    }

    /// <summary>How <paramref name="run"/> compares with the run it repeats; null when it is not a re-run. The caller has read <paramref name="run"/>.</summary>
    public async Task<Reproduction?> ReproductionAsync(Run run, CancellationToken ct = default)
    {
        if (run.RerunOfId is not { } originalId) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Same workspace by construction: whoever reads the re-run reads the original.
        var original = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == originalId && r.WorkspaceId == run.WorkspaceId, ct);
        return original is null ? null : Reproduction.Of(original, run);
    }

    /// <summary>The re-runs of <paramref name="runId"/> (number and id), oldest first.</summary>
    public async Task<List<(Guid Id, int Number)>> RerunsOfAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Runs.AsNoTracking().Where(r => r.RerunOfId == runId).OrderBy(r => r.Number).Select(r => new { r.Id, r.Number }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Number)).ToList();
    }
}
