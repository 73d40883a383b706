using System.Security.Claims;
using Portal.Features.Comments;
using Portal.Features.Workspaces;

namespace Portal.Features.Api;

public sealed record CommentRequest(string? Markdown);

public sealed record MarkReadRequest(IReadOnlyList<Guid>? MentionIds);

public static class CommentsApi
{
    public static void MapCommentsApi(this RouteGroupBuilder api)
    {
        foreach (var (path, target) in new[] { ("/runs/{id:guid}/comments", CommentTarget.Run), ("/models/{id:guid}/comments", CommentTarget.Model) })
        {
            var tag = target == CommentTarget.Run ? "Runs" : "Models";
            api.MapGet(path, async (Guid id, ClaimsPrincipal user, CommentService comments, CancellationToken ct) =>
                await comments.ThreadAsync(Caller.From(user)!, target, id, ct) is { } thread ? Results.Ok(thread.Comments) : ApiEndpoints.NotFound())
                .WithTags("Comments", tag).WithSummary($"The discussion of a {target.ToString().ToLowerInvariant()}, oldest first (Markdown source and sanitized HTML).");
            api.MapPost(path, async (Guid id, CommentRequest request, ClaimsPrincipal user, CommentService comments, CancellationToken ct) =>
            {
                var outcome = await comments.PostAsync(Caller.From(user)!, target, id, request.Markdown, ct);
                return outcome.Succeeded ? Results.Created($"/api/comments/{outcome.Value!.Id}", outcome.Value) : ApiResults.From(outcome);
            }).WithTags("Comments", tag).WithSummary($"Comment on a {target.ToString().ToLowerInvariant()} (any member; Markdown; @handle mentions a member).");
        }

        var comment = api.MapGroup("/comments").WithTags("Comments");
        comment.MapPut("/{id:guid}", async (Guid id, CommentRequest request, ClaimsPrincipal user, CommentService comments, CancellationToken ct) =>
        {
            var outcome = await comments.EditAsync(Caller.From(user)!, id, request.Markdown, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary("Edit one's own comment.");
        comment.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, CommentService comments, CancellationToken ct) =>
        {
            var outcome = await comments.DeleteAsync(Caller.From(user)!, id, ct);
            return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome);
        }).WithSummary("Delete one's own comment (Owners may delete any).");

        var inbox = api.MapGroup("/inbox").WithTags("Comments");
        inbox.MapGet("/", async (ClaimsPrincipal user, CommentService comments, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            return Results.Ok(new { unread = await comments.UnreadMentionsAsync(caller, ct), mentions = await comments.InboxAsync(caller, 100, ct) });
        }).WithSummary("The caller's @mentions, newest first, with the unread count.");
        inbox.MapPost("/read", async (MarkReadRequest? request, ClaimsPrincipal user, CommentService comments, CancellationToken ct) =>
            Results.Ok(new { marked = await comments.MarkReadAsync(Caller.From(user)!, request?.MentionIds, ct) }))
            .WithSummary("Mark mentions read (the given ids, or all).");
    }
}
