namespace Portal.Features.Activity;

/// <summary>
/// One line of the append-only activity and audit log: who did what, when, to what. Names are copied in at
/// the time of the action and nothing references other tables, so an entry outlives what it mentions.
/// </summary>
public sealed class ActivityEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Null for the system (a job finishing) or an anonymous share-link reader.</summary>
    public string? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>A dotted verb, see <see cref="ActivityAction"/>.</summary>
    public string Action { get; set; } = "";

    public Guid? WorkspaceId { get; set; }
    public string? WorkspaceName { get; set; }

    /// <summary>Kind and id of the object acted on (run, model, member, share-link…), for links while it exists.</summary>
    public string? TargetKind { get; set; }

    public string? TargetId { get; set; }

    /// <summary>What happened, readable on its own: "started run #… of “Hebb, N = 400”".</summary>
    public string Summary { get; set; } = "";

    /// <summary>The client address, for sign-ins and admin actions.</summary>
    public string? Address { get; set; }
}

/// <summary>The verbs of the activity log.</summary>
public static class ActivityAction
{
    public const string WorkspaceCreated = "workspace.created";
    public const string WorkspaceRenamed = "workspace.renamed";
    public const string WorkspaceArchived = "workspace.archived";
    public const string WorkspaceRestored = "workspace.restored";
    public const string WorkspaceDeleted = "workspace.deleted";
    public const string MemberInvited = "member.invited";
    public const string InvitationRevoked = "member.invitation-revoked";
    public const string MemberJoined = "member.joined";
    public const string MemberRoleChanged = "member.role-changed";
    public const string MemberRemoved = "member.removed";
    public const string MemberLeft = "member.left";
    public const string ModelCreated = "model.created";
    public const string ModelEdited = "model.edited";
    public const string RunStarted = "run.started";
    public const string RunCancelled = "run.cancelled";
    public const string RunFinished = "run.finished";
    public const string RunTagged = "run.tagged";
    public const string RunNoteEdited = "run.note-edited";
    public const string RunDeleted = "run.deleted";
    public const string SweepStarted = "sweep.started";
    public const string SweepExtended = "sweep.extended";
    public const string SweepRetried = "sweep.retried";
    public const string SweepCancelled = "sweep.cancelled";
    public const string ShareCreated = "share.created";
    public const string ShareRevoked = "share.revoked";
    public const string ShareUsed = "share.used";
    public const string CommentPosted = "comment.posted";
    public const string CommentEdited = "comment.edited";
    public const string CommentDeleted = "comment.deleted";
    public const string DatasetUploaded = "dataset.uploaded";
    public const string ReportCreated = "report.created";
    public const string ReportEdited = "report.edited";
    public const string ReportPublished = "report.published";
    public const string ReportDeleted = "report.deleted";
    public const string SessionCreated = "session.created";
    public const string SessionEdited = "session.edited";
    public const string SessionDeleted = "session.deleted";
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string SignedUp = "account.signed-up";
    public const string TokenCreated = "account.token-created";
    public const string TokenRevoked = "account.token-revoked";
    public const string AdminCancelledRun = "admin.run-cancelled";
    public const string AdminRevokedShare = "admin.share-revoked";
    public const string AdminSignUpMode = "admin.sign-up-mode";
    public const string AdminInvited = "admin.invitation-created";
    public const string AdminPausedQueue = "admin.queue-paused";
    public const string AdminResumedQueue = "admin.queue-resumed";
}
