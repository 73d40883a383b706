using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Workspaces;

public sealed record WorkspaceSummary(Guid Id, string Name, WorkspaceRole Role, bool IsExamples, bool IsPersonal);

/// <summary>Workspaces and who may do what in them. Every read and write in the portal asks here first.</summary>
public sealed class WorkspaceService(IDbContextFactory<PortalDb> dbFactory)
{
    public const string ExamplesName = "Examples";

    /// <summary>
    /// The caller's role in a workspace: their membership, Viewer on the Examples workspace for everyone,
    /// Viewer for admins elsewhere (they see every run), or null (no access: pages and the API answer 404).
    /// </summary>
    public async Task<WorkspaceRole?> RoleAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId && m.UserId == caller.UserId)
            .Select(m => (WorkspaceRole?)m.Role).FirstOrDefaultAsync(ct);
        if (member is not null) return member;
        var ws = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => new { w.IsExamples }).FirstOrDefaultAsync(ct);
        if (ws is null) return null;
        return ws.IsExamples || caller.IsAdmin ? WorkspaceRole.Viewer : null;
    }

    public async Task<bool> CanEditAsync(Caller caller, Guid workspaceId, CancellationToken ct = default) =>
        await RoleAsync(caller, workspaceId, ct) is WorkspaceRole.Editor or WorkspaceRole.Owner;

    public async Task<List<WorkspaceSummary>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = await db.WorkspaceMembers.Where(m => m.UserId == caller.UserId)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { w, m.Role })
            .ToListAsync(ct);
        var result = mine.Select(x => new WorkspaceSummary(x.w.Id, x.w.Name, x.Role, x.w.IsExamples, x.w.PersonalOwnerId == caller.UserId)).ToList();
        var examples = await db.Workspaces.Where(w => w.IsExamples).ToListAsync(ct);
        result.AddRange(examples.Where(e => result.All(r => r.Id != e.Id)).Select(e => new WorkspaceSummary(e.Id, e.Name, WorkspaceRole.Viewer, true, false)));
        return result.OrderByDescending(r => r.IsPersonal).ThenBy(r => r.IsExamples).ThenBy(r => r.Name).ToList();
    }

    public async Task<Workspace?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        if (await RoleAsync(caller, id, ct) is null) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Workspaces.FirstOrDefaultAsync(w => w.Id == id, ct);
    }

    /// <summary>The caller's personal workspace (created with the account).</summary>
    public async Task<Guid?> PersonalWorkspaceIdAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Workspaces.Where(w => w.PersonalOwnerId == caller.UserId).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
    }

    public static Workspace NewPersonal(PortalUser user) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = $"{(string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email : user.DisplayName)}'s workspace",
        PersonalOwnerId = user.Id,
        CreatedAt = DateTimeOffset.UtcNow,
        Members = [new WorkspaceMember { UserId = user.Id, Role = WorkspaceRole.Owner }],
    };
}
