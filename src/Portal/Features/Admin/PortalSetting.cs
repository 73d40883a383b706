namespace Portal.Features.Admin;

/// <summary>A key-value setting an admin changes at run time (e.g. the sign-up mode).</summary>
public sealed class PortalSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>An invitation to sign up while sign-up is invite-only. The token is the secret in the link.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; }
    public string Token { get; set; } = "";
    public string? Email { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
