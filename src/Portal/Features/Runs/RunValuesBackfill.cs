using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Admin;

namespace Portal.Features.Runs;

/// <summary>
/// Once per database: copies what the runs table filters on out of the JSON of runs made before it was kept on rows — the
/// parameters and metrics (<see cref="RunValue"/>) and the verdict of the checks — in batches, so old runs filter like new
/// ones. A settings row per step remembers that it is done.
/// </summary>
public static class RunValuesBackfill
{
    private const string ValuesDoneKey = "runs.values-copied";
    private const string VerdictsDoneKey = "runs.verdicts-set";

    public static async Task EnsureAsync(IDbContextFactory<PortalDb> dbFactory, ILogger logger, CancellationToken ct = default)
    {
        await OnceAsync(dbFactory, ValuesDoneKey, () => CopyValuesAsync(dbFactory, logger, ct), ct);
        await OnceAsync(dbFactory, VerdictsDoneKey, () => SetVerdictsAsync(dbFactory, logger, ct), ct);
    }

    private static async Task OnceAsync(IDbContextFactory<PortalDb> dbFactory, string key, Func<Task> step, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (await db.Settings.AnyAsync(s => s.Key == key, ct)) return;
        await step();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Settings.Add(new PortalSetting { Key = key, Value = DateTimeOffset.UtcNow.ToString("O") });
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task CopyValuesAsync(IDbContextFactory<PortalDb> dbFactory, ILogger logger, CancellationToken ct)
    {
        var copied = 0;
        List<Guid> missing;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            missing = await db.Runs.Where(r => !r.Values.Any()).Select(r => r.Id).ToListAsync(ct);
        foreach (var ids in missing.Chunk(200))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var batch = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.Id, r.SpecJson, r.Status, r.ResultJson }).ToListAsync(ct);
            foreach (var run in batch)
            {
                try
                {
                    db.RunValues.AddRange(RunValues.FromSpecJson(run.Id, run.SpecJson));
                    if (run.Status == RunStatus.Succeeded && run.ResultJson is { } json)
                        db.RunValues.AddRange(RunValues.FromResult(run.Id, Shared.Results.ResultJson.Deserialize(json)));
                    copied++;
                }
                catch (System.Text.Json.JsonException ex)
                {
                    logger.LogWarning("Run {RunId}: its stored JSON could not be read for the runs table ({Message})", run.Id, ex.Message);
                }
            }
            await db.SaveChangesAsync(ct);
        }
        if (copied > 0) logger.LogInformation("Copied the parameters and metrics of {Count} earlier runs into the runs table's index", copied);
    }

    private static async Task SetVerdictsAsync(IDbContextFactory<PortalDb> dbFactory, ILogger logger, CancellationToken ct)
    {
        var set = 0;
        List<Guid> missing;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            missing = await db.Runs.Where(r => r.Status == RunStatus.Succeeded && r.Verdict == null && r.ResultJson != null).Select(r => r.Id).ToListAsync(ct);
        foreach (var ids in missing.Chunk(200))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var run in await db.Runs.Where(r => ids.Contains(r.Id)).ToListAsync(ct))
            {
                try
                {
                    run.Verdict = RunVerdicts.Of(Shared.Results.ResultJson.Deserialize(run.ResultJson!).Checks);
                    if (run.Verdict is not null) set++;
                }
                catch (System.Text.Json.JsonException ex)
                {
                    logger.LogWarning("Run {RunId}: its result could not be read for its verdict ({Message})", run.Id, ex.Message);
                }
            }
            await db.SaveChangesAsync(ct);
        }
        if (set > 0) logger.LogInformation("Set the verdict of {Count} earlier runs for the runs table", set);
    }
}
