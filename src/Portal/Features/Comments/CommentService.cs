using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;

namespace Portal.Features.Comments;

public sealed record CommentView(Guid Id, string AuthorId, string AuthorName, string Markdown, string Html, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool CanEdit, bool CanDelete);

/// <summary>A thread and what the caller may do in it.</summary>
public sealed record CommentThreadView(IReadOnlyList<CommentView> Comments, bool CanComment, string? WhyNot, IReadOnlyList<string> Handles);

public sealed record InboxItem(Guid MentionId, Guid CommentId, string WorkspaceName, CommentTarget Target, Guid TargetId, string Author, string Excerpt, DateTimeOffset CreatedAt, bool Read)
{
    public string Href => Target == CommentTarget.Run ? $"/runs/{TargetId}#comment-{CommentId}" : $"/models/{TargetId}#comment-{CommentId}";
}

/// <summary>Discussion threads on runs and models: members with any role comment; authors edit and delete their own; Owners may delete any.</summary>
public sealed class CommentService(IDbContextFactory<PortalDb> dbFactory)
{
    public async Task<CommentThreadView?> ThreadAsync(Caller caller, CommentTarget target, Guid targetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var where = await TargetAsync(db, target, targetId, ct);
        if (where is null) return null;
        var access = await WorkspaceService.AccessAsync(db, caller, where.WorkspaceId, ct);
        if (!access.CanRead) return null;
        var rows = await db.Comments.AsNoTracking().Where(c => c.Target == target && c.TargetId == targetId)
            .Join(db.Users, c => c.AuthorId, u => u.Id, (c, u) => new { c, u.DisplayName })
            .ToListAsync(ct);
        var canDeleteAny = access.Can(Permission.Delete);
        var comments = rows.OrderBy(x => x.c.CreatedAt)
            .Select(x => new CommentView(x.c.Id, x.c.AuthorId, x.DisplayName, x.c.Markdown, SafeMarkdown.ToHtml(x.c.Markdown), x.c.CreatedAt, x.c.EditedAt,
                CanEdit: x.c.AuthorId == caller.UserId && access.Can(Permission.Comment),
                CanDelete: (x.c.AuthorId == caller.UserId && access.Can(Permission.Comment)) || canDeleteAny))
            .ToList();
        var handles = access.Can(Permission.Comment) ? (await MembersAsync(db, where.WorkspaceId, ct)).Select(m => "@" + Mentions.HandleOf(m.Email)).ToList() : [];
        return new CommentThreadView(comments, access.Can(Permission.Comment), access.Can(Permission.Comment) ? null : access.Why(Permission.Comment), handles);
    }

    public async Task<Outcome<CommentView>> PostAsync(Caller caller, CommentTarget target, Guid targetId, string? markdown, CancellationToken ct = default)
    {
        if (Validate(markdown) is { } invalid) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var where = await TargetAsync(db, target, targetId, ct);
        if (where is null) return Outcome<CommentView>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, where.WorkspaceId, ct);
        if (!access.Can(Permission.Comment)) return Outcome<CommentView>.Refused(access, Permission.Comment);

        var comment = new Comment
        {
            Id = Guid.CreateVersion7(), WorkspaceId = where.WorkspaceId, Target = target, TargetId = targetId, AuthorId = caller.UserId,
            Markdown = markdown!.Trim(), CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Comments.Add(comment);
        await AddMentionsAsync(db, comment, [], ct);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == comment.WorkspaceId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.CommentPosted, $"commented on {where.Title}", ws, target == CommentTarget.Run ? "run" : "model", targetId.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<CommentView>.Ok(await ViewAsync(db, comment, caller, access, ct));
    }

    public async Task<Outcome<CommentView>> EditAsync(Caller caller, Guid commentId, string? markdown, CancellationToken ct = default)
    {
        if (Validate(markdown) is { } invalid) return invalid;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null) return Outcome<CommentView>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, comment.WorkspaceId, ct);
        if (!access.CanRead) return Outcome<CommentView>.Missing();
        if (comment.AuthorId != caller.UserId) return Outcome<CommentView>.Denied("Only its author may edit a comment.");
        if (!access.Can(Permission.Comment)) return Outcome<CommentView>.Refused(access, Permission.Comment);

        var before = Mentioned(await MembersAsync(db, comment.WorkspaceId, ct), comment.Markdown);
        comment.Markdown = markdown!.Trim();
        comment.EditedAt = DateTimeOffset.UtcNow;
        await AddMentionsAsync(db, comment, before, ct);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == comment.WorkspaceId, ct);
        var where = await TargetAsync(db, comment.Target, comment.TargetId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.CommentEdited, $"edited a comment on {where?.Title}", ws, comment.Target == CommentTarget.Run ? "run" : "model", comment.TargetId.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<CommentView>.Ok(await ViewAsync(db, comment, caller, access, ct));
    }

    public async Task<Outcome<bool>> DeleteAsync(Caller caller, Guid commentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null) return Outcome<bool>.Missing();
        var access = await WorkspaceService.AccessAsync(db, caller, comment.WorkspaceId, ct);
        if (!access.CanRead) return Outcome<bool>.Missing();
        var own = comment.AuthorId == caller.UserId && access.Can(Permission.Comment);
        if (!own && !access.Can(Permission.Delete)) return Outcome<bool>.Denied("Only its author and the workspace's Owners may delete a comment.");
        db.Comments.Remove(comment);
        var ws = await db.Workspaces.FirstAsync(w => w.Id == comment.WorkspaceId, ct);
        var where = await TargetAsync(db, comment.Target, comment.TargetId, ct);
        await ActivityLog.AddAsync(db, caller.UserId, ActivityAction.CommentDeleted, $"deleted {(own ? "their" : "a")} comment on {where?.Title}", ws,
            comment.Target == CommentTarget.Run ? "run" : "model", comment.TargetId.ToString(), ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public async Task<int> UnreadMentionsAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await UnreadVisible(db, caller).CountAsync(ct);
    }

    /// <summary>The caller's mentions, newest first (only in workspaces they can still read).</summary>
    public async Task<List<InboxItem>> InboxAsync(Caller caller, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from m in db.Mentions.AsNoTracking()
                          where m.UserId == caller.UserId
                          join c in db.Comments on m.CommentId equals c.Id
                          join w in db.Workspaces on c.WorkspaceId equals w.Id
                          join u in db.Users on c.AuthorId equals u.Id
                          where w.Members.Any(x => x.UserId == caller.UserId)
                          orderby m.CreatedAt descending
                          select new { m, c, w.Name, u.DisplayName }).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        return rows.Select(x => new InboxItem(x.m.Id, x.c.Id, x.Name, x.c.Target, x.c.TargetId, x.DisplayName,
            x.c.Markdown.Length > 200 ? x.c.Markdown[..200] + "…" : x.c.Markdown, x.m.CreatedAt, x.m.ReadAt is not null)).ToList();
    }

    /// <summary>Marks the given mentions (or all of them) read.</summary>
    public async Task<int> MarkReadAsync(Caller caller, IReadOnlyCollection<Guid>? mentionIds = null, CancellationToken ct = default)
    {
        if (caller.ReadOnlyToken) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Mentions.Where(m => m.UserId == caller.UserId && m.ReadAt == null);
        if (mentionIds is not null) q = q.Where(m => mentionIds.Contains(m.Id));
        return await q.ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, DateTimeOffset.UtcNow), ct);
    }

    private static IQueryable<Mention> UnreadVisible(PortalDb db, Caller caller) =>
        from m in db.Mentions
        where m.UserId == caller.UserId && m.ReadAt == null
        join c in db.Comments on m.CommentId equals c.Id
        where db.WorkspaceMembers.Any(x => x.WorkspaceId == c.WorkspaceId && x.UserId == caller.UserId)
        select m;

    private static Outcome<CommentView>? Validate(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? Outcome<CommentView>.Invalid("markdown", "The comment is empty.")
        : markdown.Trim().Length > Comment.MaxLength ? Outcome<CommentView>.Invalid("markdown", $"A comment may have at most {Comment.MaxLength} characters (this one has {markdown.Trim().Length}).")
        : TextRules.Problem("markdown", markdown, multiline: true) is { } bad ? Outcome<CommentView>.Invalid("markdown", bad)
        : null;

    /// <summary>Adds a mention for each member newly named in the comment (not its author, not those already notified).</summary>
    private static async Task AddMentionsAsync(PortalDb db, Comment comment, HashSet<string> alreadyMentioned, CancellationToken ct)
    {
        var members = await MembersAsync(db, comment.WorkspaceId, ct);
        foreach (var userId in Mentioned(members, comment.Markdown))
        {
            if (userId == comment.AuthorId || alreadyMentioned.Contains(userId)) continue;
            db.Mentions.Add(new Mention { Id = Guid.CreateVersion7(), CommentId = comment.Id, UserId = userId, CreatedAt = DateTimeOffset.UtcNow });
        }
    }

    private static HashSet<string> Mentioned(List<(string UserId, string Email)> members, string markdown) => Mentions.Resolve(markdown, members);

    private static async Task<List<(string UserId, string Email)>> MembersAsync(PortalDb db, Guid workspaceId, CancellationToken ct) =>
        (await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.Email }).ToListAsync(ct))
        .Select(x => (x.Id, x.Email ?? "")).ToList();

    private static async Task<CommentView> ViewAsync(PortalDb db, Comment c, Caller caller, WorkspaceAccess access, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.DisplayName).FirstAsync(ct);
        return new CommentView(c.Id, c.AuthorId, name, c.Markdown, SafeMarkdown.ToHtml(c.Markdown), c.CreatedAt, c.EditedAt,
            c.AuthorId == caller.UserId, c.AuthorId == caller.UserId || access.Can(Permission.Delete));
    }

    private static Task<ObjectRef?> TargetAsync(PortalDb db, CommentTarget target, Guid id, CancellationToken ct) =>
        target == CommentTarget.Run ? ObjectTitles.RunAsync(db, id, ct) : ObjectTitles.ModelAsync(db, id, ct);
}
