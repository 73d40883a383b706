using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Runs;

/// <summary>
/// Which queued run a free worker slot takes. Hangfire still carries one job per queued run, but a job only means
/// "a slot is free": it takes the oldest queued run of the user with the fewest running runs (round-robin across users,
/// the user given a slot longest ago first; first come first served within one user's runs and sweeps), skipping users who already hold their share of the
/// workers. So one user's 500 queued runs cannot starve another user's single run.
/// </summary>
public static class FairQueue
{
    public enum Verdict
    {
        /// <summary>A run was claimed: it is now Running on this slot.</summary>
        Claimed,

        /// <summary>Nothing waits (or another slot took it).</summary>
        Empty,

        /// <summary>Runs wait, but every waiting user holds their share of the workers.</summary>
        AllAtShare,
    }

    /// <summary>The user order: fewest running runs first, then whose oldest queued run is older.</summary>
    public static async Task<(Verdict Verdict, Guid RunId)> ClaimNextAsync(PortalDb db, string worker, int? perUserCap, CancellationToken ct = default)
    {
        // A few tries: another slot may claim the chosen run between the choice and the claim.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (verdict, candidate) = await NextAsync(db, perUserCap, ct);
            if (verdict != Verdict.Claimed) return (verdict, Guid.Empty);
            var now = DateTimeOffset.UtcNow;
            var claimed = await db.Runs.Where(r => r.Id == candidate && r.Status == RunStatus.Queued && !r.CancelRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running)
                    .SetProperty(r => r.StartedAt, now)
                    .SetProperty(r => r.Attempt, r => r.Attempt + 1)
                    .SetProperty(r => r.Worker, worker)
                    .SetProperty(r => r.Progress, 0.0)
                    .SetProperty(r => r.Stage, "starting"), ct);
            if (claimed == 1) return (Verdict.Claimed, candidate);
        }
        return (Verdict.Empty, Guid.Empty);
    }

    private static async Task<(Verdict, Guid)> NextAsync(PortalDb db, int? perUserCap, CancellationToken ct)
    {
        var waitingUsers = await db.Runs.Where(r => r.Status == RunStatus.Queued && !r.CancelRequested)
            .Select(r => r.CreatedById).Distinct().ToListAsync(ct);
        if (waitingUsers.Count == 0) return (Verdict.Empty, Guid.Empty);
        var running = (await db.Runs.Where(r => r.Status == RunStatus.Running).Select(r => r.CreatedById).ToListAsync(ct))
            .GroupBy(u => u ?? "").ToDictionary(g => g.Key, g => g.Count());
        var eligible = waitingUsers
            .Select(u => (User: u, Running: running.GetValueOrDefault(u ?? "")))
            .Where(u => perUserCap is not { } cap || u.Running < cap)
            .ToList();
        if (eligible.Count == 0) return (Verdict.AllAtShare, Guid.Empty);

        // Round-robin among the users with the fewest running runs: whoever was last given a slot longest ago goes first,
        // then whose oldest queued run is older.
        var fewest = eligible.Min(u => u.Running);
        (Guid Id, DateTimeOffset? LastStart, DateTimeOffset CreatedAt)? best = null;
        foreach (var (user, _) in eligible.Where(u => u.Running == fewest))
        {
            var head = await db.Runs.Where(r => r.Status == RunStatus.Queued && !r.CancelRequested && r.CreatedById == user)
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => new { r.Id, r.CreatedAt }).FirstOrDefaultAsync(ct);
            if (head is null) continue;
            var lastStart = await db.Runs.Where(r => r.CreatedById == user && r.StartedAt != null)
                .OrderByDescending(r => r.StartedAt).Select(r => r.StartedAt).FirstOrDefaultAsync(ct);
            if (best is null || Earlier(lastStart, head.CreatedAt, best.Value.LastStart, best.Value.CreatedAt))
                best = (head.Id, lastStart, head.CreatedAt);
        }
        return best is { } b ? (Verdict.Claimed, b.Id) : (Verdict.Empty, Guid.Empty);
    }

    private static bool Earlier(DateTimeOffset? lastStart, DateTimeOffset created, DateTimeOffset? bestLastStart, DateTimeOffset bestCreated)
    {
        if (lastStart != bestLastStart)
            return lastStart is null || (bestLastStart is not null && lastStart < bestLastStart);
        return created < bestCreated;
    }

    /// <summary>
    /// The most runs one user may hold at once while others wait, from Portal:WorkerSharePerUser and the slots of the live
    /// workers; null when the share is the whole (no cap).
    /// </summary>
    public static async Task<int?> PerUserCapAsync(PortalDb db, PortalOptions options, CancellationToken ct = default)
    {
        if (options.WorkerSharePerUser >= 1) return null;
        var since = DateTimeOffset.UtcNow.AddSeconds(-options.WorkerStaleSeconds);
        var slots = (await db.Workers.Select(w => new { w.Slots, w.HeartbeatAt }).ToListAsync(ct)).Where(w => w.HeartbeatAt >= since).Sum(w => w.Slots);
        return Math.Max(1, (int)Math.Floor(Math.Max(0, options.WorkerSharePerUser) * Math.Max(slots, 1)));
    }
}
