using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Admin;

namespace Portal.Features.Runs;

/// <summary>
/// Once per database: copies the parameters and metrics of runs made before <see cref="RunValue"/> rows existed out of their
/// JSON, in batches, so the runs table filters old runs like new ones. A settings row remembers that it is done.
/// </summary>
public static class RunValuesBackfill
{
    private const string DoneKey = "runs.values-copied";

    public static async Task EnsureAsync(IDbContextFactory<PortalDb> dbFactory, ILogger logger, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            if (await db.Settings.AnyAsync(s => s.Key == DoneKey, ct)) return;
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
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Settings.Add(new PortalSetting { Key = DoneKey, Value = DateTimeOffset.UtcNow.ToString("O") });
            await db.SaveChangesAsync(ct);
        }
        if (copied > 0) logger.LogInformation("Copied the parameters and metrics of {Count} earlier runs into the runs table's index", copied);
    }
}
