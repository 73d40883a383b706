using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Admin;
using Portal.Features.Workspaces;

namespace Portal.Features.Workers;

/// <summary>
/// Whether the compute queue is paused: workers then start no new run (running ones go on). Kept in the settings table,
/// so a pause set on the web node holds in every worker process.
/// </summary>
public sealed class ComputeQueue(IDbContextFactory<PortalDb> dbFactory)
{
    public const string PausedKey = "ComputeQueuePaused";

    public bool IsPaused()
    {
        using var db = dbFactory.CreateDbContext();
        return db.Settings.Any(s => s.Key == PausedKey && s.Value == "true");
    }

    public async Task<bool> IsPausedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Settings.AnyAsync(s => s.Key == PausedKey && s.Value == "true", ct);
    }

    /// <summary>Pauses or resumes the queue (admins only); false when the caller may not.</summary>
    public async Task<bool> SetPausedAsync(Caller caller, bool paused, CancellationToken ct = default)
    {
        if (!caller.IsAdmin || caller.ReadOnlyToken) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == PausedKey, ct);
        var value = paused ? "true" : "false";
        if (setting is null) db.Settings.Add(new PortalSetting { Key = PausedKey, Value = value });
        else setting.Value = value;
        await ActivityLog.AddAsync(db, caller.UserId, paused ? ActivityAction.AdminPausedQueue : ActivityAction.AdminResumedQueue,
            paused ? "paused the compute queue" : "resumed the compute queue", ct: ct);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
