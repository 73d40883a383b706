namespace Portal.Features.Workspaces;

/// <summary>What a caller may want to do with a workspace or with something in it.</summary>
public enum Permission
{
    /// <summary>See the workspace, its models, runs, data sets, comments, members and activity.</summary>
    Read,
    /// <summary>Post comments (and edit or delete one's own).</summary>
    Comment,
    /// <summary>Start and cancel runs.</summary>
    Run,
    /// <summary>Create and edit models, upload data sets.</summary>
    Edit,
    /// <summary>Rename, archive, restore or delete the workspace; delete others' comments.</summary>
    Delete,
    /// <summary>Create share links for runs and model versions.</summary>
    Share,
    /// <summary>Invite, change roles, remove members.</summary>
    ManageMembers,
}

/// <summary>How a caller reaches a workspace: as a member with a role, through a share link, or not at all.</summary>
public enum AccessKind
{
    None,
    Member,
    /// <summary>A signed-in user reading the Examples workspace, which everyone may read.</summary>
    ExamplesReader,
    /// <summary>An admin who is not a member: reads everything, changes nothing silently.</summary>
    Admin,
    /// <summary>Someone holding a share link: reads exactly the shared object.</summary>
    ShareLink,
}

/// <summary>
/// The one permission policy of the portal. Every page, API endpoint, download and live-update subscription
/// asks <see cref="Can"/>; nothing else decides who may do what.
/// <list type="bullet">
/// <item>Viewer: read, comment. Editor: also run, edit, share. Owner: also delete and manage members.</item>
/// <item>Examples workspace: every signed-in user reads and comments as a Viewer.</item>
/// <item>Admin who is not a member: read only (admin actions such as cancelling a run are separate and audited).</item>
/// <item>Share-link holder: read only, and only the shared object (the caller of the policy checks the object).</item>
/// <item>Archived workspace: read only for everyone; its Owner may still restore or delete it.</item>
/// <item>Read-only personal access token: read only, whatever the role.</item>
/// </list>
/// </summary>
public sealed record WorkspaceAccess(AccessKind Kind, WorkspaceRole? Role, bool Archived, bool ReadOnlyToken = false)
{
    public static readonly WorkspaceAccess None = new(AccessKind.None, null, false);

    public bool CanRead => Kind != AccessKind.None;

    /// <summary>The role the caller acts with (implicit Viewer for Examples readers), or null.</summary>
    public WorkspaceRole? EffectiveRole => Kind switch
    {
        AccessKind.Member => Role,
        AccessKind.ExamplesReader => WorkspaceRole.Viewer,
        _ => null,
    };

    public bool Can(Permission permission)
    {
        if (permission == Permission.Read) return CanRead;
        if (ReadOnlyToken || EffectiveRole is not { } role) return false;
        if (Archived) return permission == Permission.Delete && role == WorkspaceRole.Owner;
        return permission switch
        {
            Permission.Comment => true,
            Permission.Run or Permission.Edit or Permission.Share => role >= WorkspaceRole.Editor,
            Permission.Delete or Permission.ManageMembers => role == WorkspaceRole.Owner,
            _ => false,
        };
    }

    /// <summary>What a page shows when the caller may read but not do <paramref name="permission"/>.</summary>
    public string Why(Permission permission) =>
        Archived ? "This workspace is archived and read-only; its owner can restore it."
        : ReadOnlyToken ? "This access token is read-only."
        : Kind == AccessKind.Admin ? "Admins read every workspace but change only their own; ask a member."
        : permission switch
        {
            Permission.Run or Permission.Edit or Permission.Share => "You are a Viewer here: ask an Owner to make you an Editor.",
            _ => "Only the workspace's Owners may do this.",
        };
}
