using Portal.Features.Workspaces;

namespace Portal.Features.Accounts;

/// <summary>
/// A single-use, expiring invitation link: into a workspace with a role (issued by its Owners), or to sign up
/// while sign-up is invite-only (issued by admins). A workspace invitation also lets a new user sign up when
/// sign-up is invite-only. Only the hash of the token is stored; the link is shown once.
/// </summary>
public sealed class Invitation
{
    public const string TokenPrefix = "inv_";

    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";

    /// <summary>The address the invitation was issued for; accepting needs an account with it. Null: anyone (admin sign-up links only).</summary>
    public string? Email { get; set; }

    public Guid? WorkspaceId { get; set; }
    public WorkspaceRole? Role { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public string? UsedById { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && RevokedAt is null && ExpiresAt > now;
}
