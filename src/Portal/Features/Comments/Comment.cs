namespace Portal.Features.Comments;

/// <summary>What a discussion thread hangs on.</summary>
public enum CommentTarget
{
    Run,
    Model,
}

/// <summary>One comment of a run's or a model's discussion: Markdown source, rendered sanitized on display.</summary>
public sealed class Comment
{
    public const int MaxLength = 10_000;

    public Guid Id { get; set; }
    public Guid WorkspaceId { get; set; }
    public CommentTarget Target { get; set; }
    public Guid TargetId { get; set; }
    public string AuthorId { get; set; } = "";
    public string Markdown { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
}

/// <summary>A member named with @handle in a comment: counts in their inbox until read.</summary>
public sealed class Mention
{
    public Guid Id { get; set; }
    public Guid CommentId { get; set; }
    public string UserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
