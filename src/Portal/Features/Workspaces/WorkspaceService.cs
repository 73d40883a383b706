using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Shared.Models;

namespace Portal.Features.Workspaces;

public sealed record WorkspaceSummary(Guid Id, string Name, WorkspaceRole? Role, bool IsExamples, bool IsPersonal, bool IsArchived, int Members);

/// <summary>What a delete did: a workspace with runs is archived instead of destroyed.</summary>
public enum DeleteOutcome
{
    Deleted,
    Archived,
}

/// <summary>Workspaces and who may do what in them: every read and write in the portal asks <see cref="AccessAsync"/> first.</summary>
public sealed class WorkspaceService(IDbContextFactory<PortalDb> dbFactory)
{
    public const string ExamplesName = "Examples";

    /// <summary>How the caller reaches a workspace (see <see cref="WorkspaceAccess"/> for the policy).</summary>
    public async Task<WorkspaceAccess> AccessAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AccessAsync(db, caller, workspaceId, ct);
    }

    public static async Task<WorkspaceAccess> AccessAsync(PortalDb db, Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        var ws = await db.Workspaces.Where(w => w.Id == workspaceId)
            .Select(w => new { w.IsExamples, Archived = w.ArchivedAt != null, Role = w.Members.Where(m => m.UserId == caller.UserId).Select(m => (WorkspaceRole?)m.Role).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (ws is null) return WorkspaceAccess.None;
        var kind = ws.Role is not null ? AccessKind.Member
            : ws.IsExamples ? AccessKind.ExamplesReader
            : caller.IsAdmin ? AccessKind.Admin
            : AccessKind.None;
        return kind == AccessKind.None ? WorkspaceAccess.None : new WorkspaceAccess(kind, ws.Role, ws.Archived, caller.ReadOnlyToken);
    }

    /// <summary>The workspaces the caller belongs to, plus Examples; archived ones only when asked for.</summary>
    public async Task<List<WorkspaceSummary>> ListAsync(Caller caller, bool includeArchived = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Workspaces.AsNoTracking()
            .Where(w => w.IsExamples || w.Members.Any(m => m.UserId == caller.UserId))
            .Where(w => includeArchived || w.ArchivedAt == null)
            .Select(w => new
            {
                w.Id, w.Name, w.IsExamples, w.PersonalOwnerId, w.ArchivedAt, Members = w.Members.Count,
                Role = w.Members.Where(m => m.UserId == caller.UserId).Select(m => (WorkspaceRole?)m.Role).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(w => new WorkspaceSummary(w.Id, w.Name, w.Role ?? (w.IsExamples ? WorkspaceRole.Viewer : null), w.IsExamples,
                w.PersonalOwnerId == caller.UserId, w.ArchivedAt is not null, w.Members))
            .OrderBy(w => w.IsArchived).ThenByDescending(w => w.IsPersonal).ThenBy(w => w.IsExamples).ThenBy(w => w.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>The workspace and the caller's access to it, or null when it does not exist or the caller may not read it.</summary>
    public async Task<(Workspace Workspace, WorkspaceAccess Access)?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await AccessAsync(db, caller, id, ct);
        if (!access.CanRead) return null;
        return (await db.Workspaces.AsNoTracking().FirstAsync(w => w.Id == id, ct), access);
    }

    /// <summary>The caller's personal workspace (created with the account).</summary>
    public async Task<Guid?> PersonalWorkspaceIdAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Workspaces.Where(w => w.PersonalOwnerId == caller.UserId).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>A new shared workspace with the caller as its Owner.</summary>
    public async Task<Outcome<Workspace>> CreateAsync(Caller caller, string? name, CancellationToken ct = default)
    {
        if (caller.ReadOnlyToken) return Outcome<Workspace>.Denied();
        if (ValidateName(name) is { } error) return Outcome<Workspace>.Invalid("name", error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var ws = new Workspace
        {
            Id = Guid.CreateVersion7(), Name = name!.Trim(), CreatedById = caller.UserId, CreatedAt = now,
            Members = [new WorkspaceMember { UserId = caller.UserId, Role = WorkspaceRole.Owner, JoinedAt = now }],
        };
        db.Workspaces.Add(ws);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.WorkspaceCreated, $"created the workspace “{ws.Name}”", ws, "workspace", ws.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<Workspace>.Ok(ws);
    }

    public async Task<Outcome<Workspace>> RenameAsync(Caller caller, Guid id, string? name, CancellationToken ct = default)
    {
        if (ValidateName(name) is { } error) return Outcome<Workspace>.Invalid("name", error);
        return await ChangeAsync(caller, id, async (db, ws) =>
        {
            if (ws.ArchivedAt is not null) return ArchivedReason;
            var old = ws.Name;
            ws.Name = name!.Trim();
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.WorkspaceRenamed, $"renamed the workspace “{old}” to “{ws.Name}”", ws, "workspace", ws.Id.ToString(), ct: ct);
            return null;
        }, ct);
    }

    public Task<Outcome<Workspace>> ArchiveAsync(Caller caller, Guid id, CancellationToken ct = default) =>
        ChangeAsync(caller, id, async (db, ws) =>
        {
            if (ProtectedReason(ws) is { } reason) return reason;
            if (ws.ArchivedAt is not null) return "The workspace is already archived.";
            ws.ArchivedAt = DateTimeOffset.UtcNow;
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.WorkspaceArchived, $"archived the workspace “{ws.Name}”", ws, "workspace", ws.Id.ToString(), ct: ct);
            return null;
        }, ct);

    public Task<Outcome<Workspace>> RestoreAsync(Caller caller, Guid id, CancellationToken ct = default) =>
        ChangeAsync(caller, id, async (db, ws) =>
        {
            if (ws.ArchivedAt is null) return "The workspace is not archived.";
            ws.ArchivedAt = null;
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.WorkspaceRestored, $"restored the workspace “{ws.Name}”", ws, "workspace", ws.Id.ToString(), ct: ct);
            return null;
        }, ct);

    /// <summary>
    /// Deletes a workspace (Owner only) after the caller typed its exact name. A workspace that holds runs is
    /// archived instead, so that no result and no permalink disappears by accident.
    /// </summary>
    public async Task<Outcome<DeleteOutcome>> DeleteAsync(Caller caller, Guid id, string? confirmName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await AccessAsync(db, caller, id, ct);
        if (!access.CanRead) return Outcome<DeleteOutcome>.Missing();
        if (!access.Can(Permission.Delete)) return Outcome<DeleteOutcome>.Denied();
        var ws = await db.Workspaces.FirstAsync(w => w.Id == id, ct);
        if (ProtectedReason(ws) is { } reason) return Outcome<DeleteOutcome>.Invalid("workspace", reason);
        if (!string.Equals(confirmName?.Trim(), ws.Name, StringComparison.Ordinal))
            return Outcome<DeleteOutcome>.Invalid("confirm", $"Type the workspace's name exactly (“{ws.Name}”) to confirm.");

        var runs = await db.Runs.CountAsync(r => r.WorkspaceId == id, ct);
        if (runs > 0)
        {
            ws.ArchivedAt ??= DateTimeOffset.UtcNow;
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.WorkspaceArchived,
                $"asked to delete the workspace “{ws.Name}”; it holds {runs} run(s), so it was archived instead", ws, "workspace", ws.Id.ToString(), ct: ct);
            await db.SaveChangesAsync(ct);
            return Outcome<DeleteOutcome>.Ok(DeleteOutcome.Archived);
        }
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.WorkspaceDeleted, $"deleted the workspace “{ws.Name}”", ws, "workspace", ws.Id.ToString(), ct: ct);
        db.Workspaces.Remove(ws);
        await db.SaveChangesAsync(ct);
        return Outcome<DeleteOutcome>.Ok(DeleteOutcome.Deleted);
    }

    /// <summary>An Owner's change of the workspace itself (rename, archive, restore): allowed while archived, so each change says whether it applies.</summary>
    private async Task<Outcome<Workspace>> ChangeAsync(Caller caller, Guid id, Func<PortalDb, Workspace, Task<string?>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await AccessAsync(db, caller, id, ct);
        if (!access.CanRead) return Outcome<Workspace>.Missing();
        if (!access.Can(Permission.Delete)) return Outcome<Workspace>.Denied();
        var ws = await db.Workspaces.FirstAsync(w => w.Id == id, ct);
        if (await change(db, ws) is { } error) return Outcome<Workspace>.Invalid("workspace", error);
        await db.SaveChangesAsync(ct);
        return Outcome<Workspace>.Ok(ws);
    }

    private const string ArchivedReason = "The workspace is archived and read-only; restore it first.";

    private static string? ProtectedReason(Workspace ws) =>
        ws.IsExamples ? "The Examples workspace cannot be archived or deleted."
        : ws.PersonalOwnerId is not null ? "A personal workspace belongs to its account and cannot be archived or deleted; share it or move on to a new workspace instead."
        : null;

    private static string? ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return "name is required.";
        if (trimmed.Length > Workspace.MaxNameLength) return $"name must be at most {Workspace.MaxNameLength} characters.";
        if (TextRules.Problem("name", trimmed) is { } bad) return bad;
        return null;
    }

    public static Workspace NewPersonal(PortalUser user) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = $"{(string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName)}'s workspace",
        PersonalOwnerId = user.Id,
        CreatedById = user.Id,
        CreatedAt = DateTimeOffset.UtcNow,
        Members = [new WorkspaceMember { UserId = user.Id, Role = WorkspaceRole.Owner, JoinedAt = DateTimeOffset.UtcNow }],
    };
}
