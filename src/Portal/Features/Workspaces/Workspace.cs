namespace Portal.Features.Workspaces;

public sealed class Workspace
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The shared examples space: every signed-in user may read it.</summary>
    public bool IsExamples { get; set; }

    /// <summary>The personal workspace created with a user's account (its owner's id).</summary>
    public string? PersonalOwnerId { get; set; }

    public string? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while archived: read-only for everyone and hidden from lists unless asked for.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>The number of the workspace's latest run: the next run is <c>RunCount + 1</c>.</summary>
    public int RunCount { get; set; }

    public List<WorkspaceMember> Members { get; set; } = [];
}

public enum WorkspaceRole
{
    Viewer = 0,
    Editor = 1,
    Owner = 2,
}

public sealed class WorkspaceMember
{
    public Guid WorkspaceId { get; set; }
    public string UserId { get; set; } = "";
    public WorkspaceRole Role { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
