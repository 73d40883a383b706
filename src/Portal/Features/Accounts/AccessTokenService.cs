using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Accounts;

public sealed record AccessTokenView(Guid Id, string Name, string Hint, bool ReadOnly, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, bool IsValid);

/// <summary>A token just created: the only moment it exists in clear text.</summary>
public sealed record CreatedAccessToken(AccessTokenView Token, string Secret);

/// <summary>Personal access tokens: create, list and revoke one's own; check a presented token.</summary>
public sealed class AccessTokenService(IDbContextFactory<PortalDb> dbFactory)
{
    public const int MaxActiveTokens = 50;
    public static readonly int[] ValidDays = [7, 30, 90, 365];

    /// <summary>Writes of the last-used time are at most this frequent per token (a script may call many times a second).</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<Outcome<CreatedAccessToken>> CreateAsync(Caller caller, string? name, bool readOnly, int? validDays, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add(new FieldError("name", "name is required (say what the token is for)."));
        else if (name.Length > AccessToken.MaxNameLength) errors.Add(new FieldError("name", $"name must be at most {AccessToken.MaxNameLength} characters."));
        else if (TextRules.Problem("name", name) is { } badName) errors.Add(new FieldError("name", badName));
        if (validDays is { } d && !ValidDays.Contains(d)) errors.Add(new FieldError("validDays", $"validDays must be one of {string.Join(", ", ValidDays)}, or empty for no expiry."));
        if (errors.Count > 0) return Outcome<CreatedAccessToken>.Invalid(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var active = (await db.AccessTokens.Where(t => t.UserId == caller.UserId && t.RevokedAt == null).ToListAsync(ct)).Count(t => t.IsValid(now));
        if (active >= MaxActiveTokens) return Outcome<CreatedAccessToken>.Invalid("name", $"You have {active} active tokens, the limit; revoke some first.");

        var (secret, hash) = SecretToken.New(AccessToken.TokenPrefix);
        var token = new AccessToken
        {
            Id = Guid.CreateVersion7(), UserId = caller.UserId, Name = name!, TokenHash = hash, Hint = secret[..(AccessToken.TokenPrefix.Length + 6)] + "…",
            ReadOnly = readOnly, CreatedAt = now, ExpiresAt = validDays is { } days ? now.AddDays(days) : null,
        };
        db.AccessTokens.Add(token);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.TokenCreated, $"created the {(readOnly ? "read-only" : "read-write")} access token “{token.Name}”", targetKind: "token", targetId: token.Id.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<CreatedAccessToken>.Ok(new CreatedAccessToken(View(token, now), secret));
    }

    public async Task<List<AccessTokenView>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return (await db.AccessTokens.AsNoTracking().Where(t => t.UserId == caller.UserId).ToListAsync(ct))
            .OrderByDescending(t => t.CreatedAt).Select(t => View(t, now)).ToList();
    }

    public async Task<Outcome<AccessTokenView>> RevokeAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == caller.UserId, ct);
        if (token is null) return Outcome<AccessTokenView>.Missing();
        if (token.RevokedAt is null)
        {
            token.RevokedAt = DateTimeOffset.UtcNow;
            await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.TokenRevoked, $"revoked the access token “{token.Name}”", targetKind: "token", targetId: token.Id.ToString(), ct: ct);
            await db.SaveChangesAsync(ct);
        }
        return Outcome<AccessTokenView>.Ok(View(token, DateTimeOffset.UtcNow));
    }

    /// <summary>The valid token a secret names, with its owner; records its use. Null for unknown, revoked or expired secrets.</summary>
    public async Task<(AccessToken Token, PortalUser User)?> AuthenticateAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(AccessToken.TokenPrefix, StringComparison.Ordinal) || !SecretToken.LooksValid(secret)) return null;
        var hash = SecretToken.Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.AccessTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t, u }).FirstOrDefaultAsync(ct);
        var now = DateTimeOffset.UtcNow;
        if (row is null || !row.t.IsValid(now) || row.u.LockoutEnd > now) return null;
        if (row.t.LastUsedAt is not { } last || now - last >= LastUsedResolution)
            await db.AccessTokens.Where(t => t.Id == row.t.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        return (row.t, row.u);
    }

    private static AccessTokenView View(AccessToken t, DateTimeOffset now) =>
        new(t.Id, t.Name, t.Hint, t.ReadOnly, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, t.IsValid(now));
}
