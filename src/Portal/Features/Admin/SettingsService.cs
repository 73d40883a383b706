using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
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
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Creates an invitation with a 256-bit random token, valid for <paramref name="validFor"/>.</summary>
    public async Task<Invitation?> InviteAsync(Caller caller, string? email, TimeSpan validFor, CancellationToken ct = default)
    {
        if (!caller.IsAdmin) return null;
        var invitation = new Invitation
        {
            Id = Guid.CreateVersion7(),
            Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            CreatedById = caller.UserId,
            CreatedAt = DateTimeOffset.UtcNow,
            ExpiresAt = DateTimeOffset.UtcNow + validFor,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return invitation;
    }

    public async Task<List<Invitation>> ListInvitationsAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsAdmin) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(100).ToListAsync(ct);
    }
}
