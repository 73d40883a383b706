using System.Security.Claims;
using Portal.Features.Activity;
using Portal.Features.Workspaces;

namespace Portal.Features.Api;

public sealed record WorkspaceDto(Guid Id, string Name, WorkspaceRole? Role, bool IsExamples, bool IsPersonal, bool IsArchived, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt)
{
    public static WorkspaceDto From(Workspace w, WorkspaceAccess access, string userId) =>
        new(w.Id, w.Name, access.EffectiveRole, w.IsExamples, w.PersonalOwnerId == userId, w.ArchivedAt is not null, w.CreatedAt, w.ArchivedAt);
}

public sealed record NameRequest(string? Name);

public sealed record RoleRequest(WorkspaceRole? Role);

public sealed record InviteRequest(string? Email, WorkspaceRole? Role, int? ValidDays);

/// <summary>The invitation as created: <c>link</c> is the only copy of its secret.</summary>
public sealed record InvitationCreatedDto(Guid Id, string Email, WorkspaceRole Role, DateTimeOffset ExpiresAt, string Link);

public sealed record ActivityDto(long Id, DateTimeOffset At, string? ActorId, string Actor, string Action, Guid? WorkspaceId, string? WorkspaceName, string? TargetKind, string? TargetId, string Summary)
{
    public static ActivityDto From(ActivityEntry e) => new(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.WorkspaceId, e.WorkspaceName, e.TargetKind, e.TargetId, e.Summary);
}

public sealed record AuditDto(long Id, DateTimeOffset At, string? ActorId, string Actor, string Action, Guid? WorkspaceId, string? WorkspaceName, string? TargetKind, string? TargetId, string Summary, string? Address)
{
    public static AuditDto From(ActivityEntry e) => new(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.WorkspaceId, e.WorkspaceName, e.TargetKind, e.TargetId, e.Summary, e.Address);
}

public static class WorkspacesApi
{
    public static void MapWorkspacesApi(this RouteGroupBuilder api)
    {
        var ws = api.MapGroup("/workspaces").WithTags("Workspaces");

        ws.MapGet("/", async (bool? includeArchived, ClaimsPrincipal user, WorkspaceService workspaces, CancellationToken ct) =>
                await workspaces.ListAsync(Caller.From(user)!, includeArchived ?? false, ct))
            .WithSummary("The workspaces the caller belongs to (and Examples), with the caller's role; archived ones with includeArchived=true.");

        ws.MapPost("/", async (NameRequest request, ClaimsPrincipal user, WorkspaceService workspaces, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var outcome = await workspaces.CreateAsync(caller, request.Name, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/workspaces/{outcome.Value!.Id}", WorkspaceDto.From(outcome.Value, new WorkspaceAccess(AccessKind.Member, WorkspaceRole.Owner, false), caller.UserId))
                : ApiResults.From(outcome);
        }).WithSummary("Create a shared workspace; the caller becomes its Owner.");

        ws.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, WorkspaceService workspaces, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            return await workspaces.GetAsync(caller, id, ct) is { } found ? Results.Ok(WorkspaceDto.From(found.Workspace, found.Access, caller.UserId)) : ApiEndpoints.NotFound();
        }).WithSummary("A workspace and the caller's role in it.");

        ws.MapPatch("/{id:guid}", async (Guid id, NameRequest request, ClaimsPrincipal user, WorkspaceService workspaces, CancellationToken ct) =>
            await Changed(user, workspaces, id, await workspaces.RenameAsync(Caller.From(user)!, id, request.Name, ct), ct))
            .WithSummary("Rename a workspace (Owners).");

        ws.MapPost("/{id:guid}/archive", async (Guid id, ClaimsPrincipal user, WorkspaceService workspaces, CancellationToken ct) =>
            await Changed(user, workspaces, id, await workspaces.ArchiveAsync(Caller.From(user)!, id, ct), ct))
            .WithSummary("Archive a workspace (Owners): read-only for everyone and hidden from lists until restored.");

        ws.MapPost("/{id:guid}/restore", async (Guid id, ClaimsPrincipal user, WorkspaceService workspaces, CancellationToken ct) =>
            await Changed(user, workspaces, id, await workspaces.RestoreAsync(Caller.From(user)!, id, ct), ct))
            .WithSummary("Restore an archived workspace (Owners).");

        ws.MapDelete("/{id:guid}", async (Guid id, string? confirm, ClaimsPrincipal user, WorkspaceService workspaces, CancellationToken ct) =>
        {
            var outcome = await workspaces.DeleteAsync(Caller.From(user)!, id, confirm, ct);
            return outcome.Succeeded
                ? Results.Ok(new { outcome = outcome.Value.ToString(), detail = outcome.Value == DeleteOutcome.Archived ? "The workspace holds runs, so it was archived instead of deleted." : "Deleted." })
                : ApiResults.From(outcome);
        }).WithSummary("Delete a workspace (Owners; confirm=<exact name>). A workspace that holds runs is archived instead.");

        ws.MapGet("/{id:guid}/members", async (Guid id, ClaimsPrincipal user, MembershipService members, CancellationToken ct) =>
            await members.ListAsync(Caller.From(user)!, id, ct) is { } list ? Results.Ok(list) : ApiEndpoints.NotFound())
            .WithSummary("Members of a workspace with their roles.");

        ws.MapPut("/{id:guid}/members/{userId}", async (Guid id, string userId, RoleRequest request, ClaimsPrincipal user, MembershipService members, CancellationToken ct) =>
        {
            if (request.Role is not { } role) return ApiResults.From(Outcome<MemberView>.Invalid("role", "role is required: Viewer, Editor or Owner."));
            var outcome = await members.ChangeRoleAsync(Caller.From(user)!, id, userId, role, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary("Change a member's role (Owners). The last Owner cannot be demoted.");

        ws.MapDelete("/{id:guid}/members/{userId}", async (Guid id, string userId, ClaimsPrincipal user, MembershipService members, CancellationToken ct) =>
        {
            var outcome = await members.RemoveAsync(Caller.From(user)!, id, userId, ct);
            return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome);
        }).WithSummary("Remove a member (Owners), or yourself. The last Owner cannot be removed.");

        ws.MapPost("/{id:guid}/leave", async (Guid id, ClaimsPrincipal user, MembershipService members, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            var outcome = await members.RemoveAsync(caller, id, caller.UserId, ct);
            return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome);
        }).WithSummary("Leave a workspace (not as its last Owner).");

        ws.MapGet("/{id:guid}/invitations", async (Guid id, ClaimsPrincipal user, WorkspaceService workspaces, MembershipService members, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            if (await members.PendingAsync(caller, id, ct) is { } pending) return Results.Ok(pending);
            return ApiResults.From(Outcome<bool>.Refused(await workspaces.AccessAsync(caller, id, ct), Permission.ManageMembers));
        }).WithSummary("Pending invitations (Owners).");

        ws.MapPost("/{id:guid}/invitations", async (Guid id, InviteRequest request, ClaimsPrincipal user, MembershipService members, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await members.InviteAsync(Caller.From(user)!, id, request.Email, request.Role ?? WorkspaceRole.Viewer, request.ValidDays ?? MembershipService.DefaultValidDays, ct);
            if (!outcome.Succeeded) return ApiResults.From(outcome);
            var i = outcome.Value!.Invitation;
            return Results.Created($"/api/workspaces/{id}/invitations/{i.Id}", new InvitationCreatedDto(i.Id, i.Email, i.Role, i.ExpiresAt, AbsoluteUrl(http, outcome.Value.Path)));
        }).WithSummary("Invite by email with a role (Owners). The response's link is shown once: single use, expiring, only for that address.");

        ws.MapDelete("/{id:guid}/invitations/{invitationId:guid}", async (Guid id, Guid invitationId, ClaimsPrincipal user, MembershipService members, CancellationToken ct) =>
        {
            var outcome = await members.RevokeInvitationAsync(Caller.From(user)!, id, invitationId, ct);
            return outcome.Succeeded ? Results.NoContent() : ApiResults.From(outcome);
        }).WithSummary("Revoke a pending invitation (Owners).");

        ws.MapGet("/{id:guid}/activity", async (Guid id, string? action, long? before, int? take, ClaimsPrincipal user, WorkspaceService workspaces, ActivityLog log, CancellationToken ct) =>
        {
            var access = await workspaces.AccessAsync(Caller.From(user)!, id, ct);
            var entries = await log.ForWorkspaceAsync(access, id, new ActivityFilter(action, Before: before, Take: take ?? 100), ct);
            return entries is null ? ApiEndpoints.NotFound() : Results.Ok(entries.Select(ActivityDto.From));
        }).WithSummary("The workspace's activity feed, newest first (action: a verb like run.started or a prefix like run; before: an entry id for paging).");

        api.MapPost("/invitations/{token}/accept", async (string token, ClaimsPrincipal user, MembershipService members, CancellationToken ct) =>
        {
            var outcome = await members.AcceptAsync(Caller.From(user)!, token, ct);
            return outcome.Succeeded ? Results.Ok(new { workspaceId = outcome.Value }) : ApiResults.From(outcome);
        }).WithTags("Workspaces").WithSummary("Accept an invitation issued for the caller's email address.");

        api.MapGet("/admin/audit", async (string? action, string? actor, Guid? workspaceId, DateTimeOffset? from, DateTimeOffset? to, long? before, int? take,
            ClaimsPrincipal user, ActivityLog log, CancellationToken ct) =>
        {
            var entries = await log.AuditAsync(Caller.From(user)!, new ActivityFilter(action, actor, workspaceId, from, to, before, take ?? 100), ct);
            return entries is null ? Results.Problem("Admins only.", statusCode: StatusCodes.Status403Forbidden) : Results.Ok(entries.Select(AuditDto.From));
        }).WithTags("Admin").WithSummary("The whole audit log (admins only), filtered by action, actor (name or email), workspace and time.");
    }

    internal static string AbsoluteUrl(HttpContext http, string path) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{path}";

    private static async Task<IResult> Changed(ClaimsPrincipal user, WorkspaceService workspaces, Guid id, Outcome<Workspace> outcome, CancellationToken ct)
    {
        if (!outcome.Succeeded) return ApiResults.From(outcome);
        var caller = Caller.From(user)!;
        var access = await workspaces.AccessAsync(caller, id, ct);
        return Results.Ok(WorkspaceDto.From(outcome.Value!, access, caller.UserId));
    }
}
