namespace Portal.Features.Sharing;

/// <summary>What a share link points at: exactly one object, read-only.</summary>
public enum ShareTarget
{
    Run,
    ModelVersion,
    /// <summary>A published version of a report, with its embeds frozen as published.</summary>
    ReportVersion,
}

/// <summary>
/// A revocable, optionally expiring link that lets anyone holding it read one run or one model version,
/// signed out, and nothing else of its workspace. Only the token's hash is stored.
/// </summary>
public sealed class ShareLink
{
    public const string TokenPrefix = "s_";
    public const int MaxNoteLength = 500;

    public Guid Id { get; set; }
    public string TokenHash { get; set; } = "";
    public Guid WorkspaceId { get; set; }
    public ShareTarget Target { get; set; }

    /// <summary>The run's id, or the model version's id.</summary>
    public Guid TargetId { get; set; }

    public string? Note { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedById { get; set; }
    public int UseCount { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsValid(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
