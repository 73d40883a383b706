using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Features.Activity;
using Shared.Models;

namespace Portal.Features.Workspaces;

public sealed record MemberView(string UserId, string DisplayName, string Email, WorkspaceRole Role, DateTimeOffset JoinedAt);

public sealed record PendingInvitation(Guid Id, string Email, WorkspaceRole Role, string InvitedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>An invitation just created: the only moment its link exists in clear text.</summary>
public sealed record CreatedInvitation(PendingInvitation Invitation, string Token)
{
    public string Path => InvitationLink.PathFor(Token);
}

/// <summary>What the invitation page shows to whoever opens the link.</summary>
public sealed record InvitationPreview(Guid WorkspaceId, string WorkspaceName, WorkspaceRole Role, string Email, string InvitedBy, bool Usable, string? Problem);

public static class InvitationLink
{
    public static string PathFor(string token) => $"/invite/{token}";
}

/// <summary>Members of a workspace and invitations into it. The last Owner can neither leave nor be demoted.</summary>
public sealed class MembershipService(IDbContextFactory<PortalDb> dbFactory)
{
    public static readonly int[] ValidDays = [1, 7, 30];
    public const int DefaultValidDays = 7;

    public async Task<List<MemberView>?> ListAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!(await WorkspaceService.AccessAsync(db, caller, workspaceId, ct)).CanRead) return null;
        var rows = await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email, m.Role, m.JoinedAt }).ToListAsync(ct);
        return rows.OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(m => new MemberView(m.Id, m.DisplayName, m.Email ?? "", m.Role, m.JoinedAt)).ToList();
    }

    public async Task<Outcome<CreatedInvitation>> InviteAsync(Caller caller, Guid workspaceId, string? email, WorkspaceRole role, int validDays = DefaultValidDays, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var denied = await RequireAsync<CreatedInvitation>(db, caller, workspaceId, ct);
        if (denied is not null) return denied;
        email = email?.Trim();
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(email) || email.Length > 256 || email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            errors.Add(new FieldError("email", "email must be a valid address (at most 256 characters)."));
        if (!Enum.IsDefined(role)) errors.Add(new FieldError("role", "role must be Viewer, Editor or Owner."));
        if (!ValidDays.Contains(validDays)) errors.Add(new FieldError("validDays", $"validDays must be one of {string.Join(", ", ValidDays)}."));
        if (errors.Count > 0) return Outcome<CreatedInvitation>.Invalid(errors);

        var normalized = email!.ToUpperInvariant();
        var alreadyMember = await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId
            && db.Users.Any(u => u.Id == m.UserId && u.NormalizedEmail == normalized), ct);
        if (alreadyMember) return Outcome<CreatedInvitation>.Invalid("email", $"{email} is already a member of this workspace.");

        var (token, hash) = SecretToken.New(Invitation.TokenPrefix);
        var now = DateTimeOffset.UtcNow;
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(), TokenHash = hash, Email = email, WorkspaceId = workspaceId, Role = role,
            CreatedById = caller.UserId, CreatedAt = now, ExpiresAt = now.AddDays(validDays),
        };
        db.Invitations.Add(invitation);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.MemberInvited, $"invited {email} as {role}", ws, "invitation", invitation.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        var inviter = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.DisplayName).FirstAsync(ct);
        return Outcome<CreatedInvitation>.Ok(new CreatedInvitation(new PendingInvitation(invitation.Id, email, role, inviter, now, invitation.ExpiresAt), token));
    }

    /// <summary>Invitations not yet accepted, revoked or expired (Owners only).</summary>
    public async Task<List<PendingInvitation>?> PendingAsync(Caller caller, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RequireAsync<bool>(db, caller, workspaceId, ct) is not null) return null;
        var now = DateTimeOffset.UtcNow;
        var rows = await db.Invitations.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && i.UsedAt == null && i.RevokedAt == null)
            .Join(db.Users, i => i.CreatedById, u => u.Id, (i, u) => new { i, u.DisplayName })
            .ToListAsync(ct);
        return rows.Where(x => x.i.ExpiresAt > now).OrderByDescending(x => x.i.CreatedAt)
            .Select(x => new PendingInvitation(x.i.Id, x.i.Email ?? "", x.i.Role ?? WorkspaceRole.Viewer, x.DisplayName, x.i.CreatedAt, x.i.ExpiresAt)).ToList();
    }

    public async Task<Outcome<bool>> RevokeInvitationAsync(Caller caller, Guid workspaceId, Guid invitationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RequireAsync<bool>(db, caller, workspaceId, ct) is { } denied) return denied;
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == invitationId && i.WorkspaceId == workspaceId, ct);
        if (invitation is null) return Outcome<bool>.Missing();
        if (invitation.UsedAt is not null) return Outcome<bool>.Invalid("invitation", "The invitation has already been accepted.");
        invitation.RevokedAt ??= DateTimeOffset.UtcNow;
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.InvitationRevoked, $"revoked the invitation of {invitation.Email}", ws, "invitation", invitation.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public async Task<Outcome<MemberView>> ChangeRoleAsync(Caller caller, Guid workspaceId, string userId, WorkspaceRole role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role)) return Outcome<MemberView>.Invalid("role", "role must be Viewer, Editor or Owner.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RequireAsync<MemberView>(db, caller, workspaceId, ct) is { } denied) return denied;
        var member = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (member is null) return Outcome<MemberView>.Missing();
        if (member.Role == WorkspaceRole.Owner && role != WorkspaceRole.Owner && await IsLastOwnerAsync(db, workspaceId, ct))
            return Outcome<MemberView>.Invalid("role", "The last Owner cannot be demoted: make another member Owner first.");
        var old = member.Role;
        member.Role = role;
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        if (old != role)
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.MemberRoleChanged, $"changed {user.DisplayName}'s role from {old} to {role}", ws, "member", userId, ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<MemberView>.Ok(new MemberView(user.Id, user.DisplayName, user.Email!, role, member.JoinedAt));
    }

    /// <summary>Removes a member (Owners), or the caller themselves (leaving needs no role).</summary>
    public async Task<Outcome<bool>> RemoveAsync(Caller caller, Guid workspaceId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leaving = userId == caller.UserId;
        if (!leaving && await RequireAsync<bool>(db, caller, workspaceId, ct) is { } denied) return denied;
        var member = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (member is null) return Outcome<bool>.Missing();
        if (member.Role == WorkspaceRole.Owner && await IsLastOwnerAsync(db, workspaceId, ct))
            return Outcome<bool>.Invalid("member", leaving
                ? "You are the last Owner: make another member Owner before you leave, or delete the workspace."
                : "The last Owner cannot be removed.");
        db.WorkspaceMembers.Remove(member);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(ct);
        await ActivityLog.AddAsync(db, caller.UserId, leaving ? ActivityAction.MemberLeft : ActivityAction.MemberRemoved,
            leaving ? "left the workspace" : $"removed {name} from the workspace", ws, "member", userId, ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>What an invitation link leads to, for the page that opens it (no secret beyond the link itself is shown).</summary>
    public async Task<InvitationPreview?> PreviewAsync(string? token, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = SecretToken.Hash(token!);
        var row = await db.Invitations.AsNoTracking().Where(i => i.TokenHash == hash && i.WorkspaceId != null)
            .Join(db.Workspaces, i => i.WorkspaceId, w => w.Id, (i, w) => new { i, w.Name })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var inviter = await db.Users.Where(u => u.Id == row.i.CreatedById).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var problem = Problem(row.i, DateTimeOffset.UtcNow);
        return new InvitationPreview(row.i.WorkspaceId!.Value, row.Name, row.i.Role ?? WorkspaceRole.Viewer, row.i.Email ?? "", inviter, problem is null, problem);
    }

    /// <summary>The signed-in caller accepts an invitation issued for their email address: they become a member.</summary>
    public async Task<Outcome<Guid>> AcceptAsync(Caller caller, string? token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == caller.UserId, ct);
        if (user is null) return Outcome<Guid>.Missing();
        var outcome = await RedeemAsync(db, token, user, ct);
        if (outcome.Succeeded) await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Checks a workspace invitation against the user and, when it holds, adds the membership and marks the
    /// invitation used in <paramref name="db"/> (saved by the caller, so sign-up and joining are one transaction).
    /// </summary>
    public static async Task<Outcome<Guid>> RedeemAsync(PortalDb db, string? token, PortalUser user, CancellationToken ct = default)
    {
        var invitation = await FindAsync(db, token, ct);
        if (invitation?.WorkspaceId is not { } workspaceId) return Outcome<Guid>.Invalid("invite", "This invitation link is not valid.");
        if (Problem(invitation, DateTimeOffset.UtcNow) is { } problem) return Outcome<Guid>.Invalid("invite", problem);
        if (!string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase))
            return Outcome<Guid>.Invalid("email", $"This invitation was issued for {invitation.Email}; sign in with that address to accept it.");
        var now = DateTimeOffset.UtcNow;
        invitation.UsedAt = now;
        invitation.UsedById = user.Id;
        var ws = await db.Workspaces.FirstAsync(w => w.Id == workspaceId, ct);
        var existing = await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == user.Id, ct)
            || db.WorkspaceMembers.Local.Any(m => m.WorkspaceId == workspaceId && m.UserId == user.Id);
        if (!existing)
        {
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = user.Id, Role = invitation.Role ?? WorkspaceRole.Viewer, JoinedAt = now });
            db.Activity.Add(new ActivityEntry
            {
                At = now, ActorId = user.Id, ActorName = user.DisplayName, Action = ActivityAction.MemberJoined, WorkspaceId = ws.Id, WorkspaceName = ws.Name,
                TargetKind = "member", TargetId = user.Id, Summary = $"joined as {invitation.Role ?? WorkspaceRole.Viewer}",
            });
        }
        return Outcome<Guid>.Ok(workspaceId);
    }

    /// <summary>The invitation a link's token names (any kind, any state), or null.</summary>
    public static async Task<Invitation?> FindAsync(PortalDb db, string? token, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return null;
        var hash = SecretToken.Hash(token!);
        return await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    private static string? Problem(Invitation i, DateTimeOffset now) =>
        i.UsedAt is not null ? "This invitation has already been used."
        : i.RevokedAt is not null ? "This invitation was revoked."
        : i.ExpiresAt <= now ? "This invitation has expired; ask for a new one."
        : null;

    private static async Task<bool> IsLastOwnerAsync(PortalDb db, Guid workspaceId, CancellationToken ct) =>
        await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner, ct) <= 1;

    /// <summary>Null when the caller may manage members; otherwise the outcome to return (404 for outsiders, 403 for members).</summary>
    private static async Task<Outcome<T>?> RequireAsync<T>(PortalDb db, Caller caller, Guid workspaceId, CancellationToken ct)
    {
        var access = await WorkspaceService.AccessAsync(db, caller, workspaceId, ct);
        if (!access.CanRead) return Outcome<T>.Missing();
        return access.Can(Permission.ManageMembers) ? null : Outcome<T>.Denied();
    }
}
