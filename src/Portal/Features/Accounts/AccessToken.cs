namespace Portal.Features.Accounts;

/// <summary>
/// A personal access token for scripts: sent as <c>Authorization: Bearer pat_…</c>, read-only or read-write,
/// with an optional expiry. Only the hash is stored; the token is shown once when created.
/// </summary>
public sealed class AccessToken
{
    public const string TokenPrefix = "pat_";
    public const int MaxNameLength = 100;

    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the token, so its owner can tell tokens apart without the secret.</summary>
    public string Hint { get; set; } = "";

    public bool ReadOnly { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsValid(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
