using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Workspaces;

namespace Portal.Features.Activity;

public sealed record ActivityFilter(string? Action = null, string? Actor = null, Guid? WorkspaceId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, long? Before = null, int Take = 100)
{
    public const int MaxTake = 500;
}

/// <summary>
/// The append-only activity and audit log. Actions add their entry to the same unit of work as the change
/// itself (<see cref="Add"/>), so an entry exists exactly when the change does. Nothing updates or deletes entries.
/// </summary>
public sealed class ActivityLog(IDbContextFactory<PortalDb> dbFactory)
{
    /// <summary>Adds an entry to <paramref name="db"/>; it is written by the caller's SaveChanges.</summary>
    public static async Task AddAsync(PortalDb db, string? actorId, string action, string summary, Workspace? workspace = null,
        string? targetKind = null, string? targetId = null, string? address = null, CancellationToken ct = default)
    {
        var actorName = actorId is null ? "" : await db.Users.Where(u => u.Id == actorId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        db.Activity.Add(new ActivityEntry
        {
            At = DateTimeOffset.UtcNow, ActorId = actorId, ActorName = actorName, Action = action,
            WorkspaceId = workspace?.Id, WorkspaceName = workspace?.Name, TargetKind = targetKind, TargetId = targetId,
            Summary = Printable(summary.Length > 1000 ? summary[..1000] : summary), Address = address,
        });
    }

    // Summaries quote what people typed (a failed sign-in's address): keep only what can be stored and shown.
    private static string Printable(string text) => TextRules.HasForbiddenCharacters(text) ? new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray()) : text;

    /// <summary>Writes one entry on its own (sign-ins, jobs finishing).</summary>
    public async Task RecordAsync(string? actorId, string action, string summary, Guid? workspaceId = null, string? targetKind = null,
        string? targetId = null, string? address = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workspace = workspaceId is null ? null : await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspaceId, ct);
        await AddAsync(db, actorId, action, summary, workspace, targetKind, targetId, address, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The activity feed of one workspace, newest first, for anyone who may read the workspace.</summary>
    public async Task<List<ActivityEntry>?> ForWorkspaceAsync(WorkspaceAccess access, Guid workspaceId, ActivityFilter filter, CancellationToken ct = default)
    {
        if (!access.CanRead || access.Kind == AccessKind.ShareLink) return null;
        return await QueryAsync(filter with { WorkspaceId = workspaceId }, ct);
    }

    /// <summary>The whole log with filters (admins only).</summary>
    public async Task<List<ActivityEntry>?> AuditAsync(Caller caller, ActivityFilter filter, CancellationToken ct = default) =>
        caller.IsAdmin ? await QueryAsync(filter, ct) : null;

    private async Task<List<ActivityEntry>> QueryAsync(ActivityFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Activity.AsNoTracking();
        if (filter.WorkspaceId is { } ws) q = q.Where(a => a.WorkspaceId == ws);
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            q = action.EndsWith('.') || !action.Contains('.') ? q.Where(a => a.Action.StartsWith(action.TrimEnd('.') + ".")) : q.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLower();
            var ids = db.Users.Where(u => u.Email!.ToLower().Contains(actor) || u.DisplayName.ToLower().Contains(actor)).Select(u => u.Id);
            q = q.Where(a => a.ActorName.ToLower().Contains(actor) || (a.ActorId != null && ids.Contains(a.ActorId)));
        }
        if (filter.From is { } from) q = q.Where(a => a.At >= from);
        if (filter.To is { } to) q = q.Where(a => a.At <= to);
        if (filter.Before is { } before) q = q.Where(a => a.Id < before);
        return await q.OrderByDescending(a => a.Id).Take(Math.Clamp(filter.Take, 1, ActivityFilter.MaxTake)).ToListAsync(ct);
    }
}
