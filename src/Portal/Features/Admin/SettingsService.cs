using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Features.Activity;
using Portal.Features.Workspaces;

namespace Portal.Features.Admin;

public enum SignUpMode
{
    Open,
    InviteOnly,
}

/// <summary>Admin settings stored in the database: the sign-up mode and invitations.</summary>
public sealed class SettingsService(IDbContextFactory<PortalDb> dbFactory)
{
    private const string SignUpKey = "SignUpMode";

    public async Task<SignUpMode> GetSignUpModeAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var value = await db.Settings.Where(s => s.Key == SignUpKey).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return Enum.TryParse<SignUpMode>(value, out var mode) ? mode : SignUpMode.Open;
    }

    public async Task<bool> SetSignUpModeAsync(Caller caller, SignUpMode mode, CancellationToken ct = default)
    {
        if (!caller.IsAdmin) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == SignUpKey, ct);
        if (setting is null) db.Settings.Add(new PortalSetting { Key = SignUpKey, Value = mode.ToString() });
        else setting.Value = mode.ToString();
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.AdminSignUpMode, $"set sign-up to {mode}", ct: ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Creates a sign-up invitation valid for <paramref name="validFor"/> and returns its token, the only time
    /// it exists in clear text (the database keeps its hash).
    /// </summary>
    public async Task<(Invitation Invitation, string Token)?> InviteAsync(Caller caller, string? email, TimeSpan validFor, CancellationToken ct = default)
    {
        if (!caller.IsAdmin) return null;
        var (token, hash) = SecretToken.New(Invitation.TokenPrefix);
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            TokenHash = hash,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            CreatedById = caller.UserId,
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow + validFor,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Invitations.Add(invitation);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.AdminInvited, $"created a sign-up invitation{(invitation.Email is null ? "" : " for " + invitation.Email)}", targetKind: "invitation", targetId: invitation.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return (invitation, token);
    }

    /// <summary>Sign-up invitations (not those into workspaces), newest first.</summary>
    public async Task<List<Invitation>> ListInvitationsAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsAdmin) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invitations.AsNoTracking().Where(i => i.WorkspaceId == null).OrderByDescending(i => i.CreatedAt).Take(100).ToListAsync(ct);
    }
}
