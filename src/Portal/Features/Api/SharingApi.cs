using System.Security.Claims;
using System.Text.Json;
using Portal.Features.Runs;
using Portal.Features.Sharing;
using Portal.Features.Workspaces;

namespace Portal.Features.Api;

public sealed record CreateShareLinkRequest(ShareTarget? Target, Guid? TargetId, ShareExpiry? Expiry, DateOnly? Until, string? Note);

/// <summary>A share link as created: <c>url</c> is the only copy of its secret.</summary>
public sealed record ShareLinkCreatedDto(ShareLinkView Link, string Url);

/// <summary>What a share-link holder reads over the API: the object and nothing about its workspace.</summary>
public sealed record SharedRunDto(
    Guid Id, string? Model, int? ModelVersion, string ModelType, long Seed, string SpecHash, string SoftwareVersion, RunStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, JsonElement Spec, JsonElement? Result);

/// <summary>A shared report version: its paper as published (HTML, figures as SVG) and its source; nothing of the workspace.</summary>
public sealed record SharedReportVersionDto(string Title, int Version, DateTimeOffset PublishedAt, string Source, string Html);

public sealed record SharedModelVersionDto(string Model, string Description, string ModelType, int Version, DateTimeOffset CreatedAt, JsonElement Parameters);

public static class SharingApi
{
    public static void MapSharingApi(this RouteGroupBuilder api)
    {
        var links = api.MapGroup("/share-links").WithTags("Share links");

        links.MapGet("/", async (Guid? workspaceId, ShareTarget? target, Guid? targetId, ClaimsPrincipal user, WorkspaceService workspaces, ShareLinkService shares, CancellationToken ct) =>
        {
            var caller = Caller.From(user)!;
            if (target is { } t && targetId is { } id)
                return await shares.ForTargetAsync(caller, t, id, ct) is { } forTarget ? Results.Ok(forTarget) : ApiEndpoints.NotFound();
            if (workspaceId is not { } ws)
                return ApiResults.From(Outcome<bool>.Invalid("workspaceId", "Give workspaceId, or target and targetId."));
            if (await shares.ListAsync(caller, ws, ct) is { } list) return Results.Ok(list);
            return ApiResults.From(Outcome<bool>.Refused(await workspaces.AccessAsync(caller, ws, ct), Permission.Share));
        }).WithSummary("Share links of a workspace (workspaceId) or of one object (target=Run|ModelVersion, targetId), with use counts (Editors and Owners).");

        links.MapPost("/", async (CreateShareLinkRequest request, ClaimsPrincipal user, ShareLinkService shares, HttpContext http, CancellationToken ct) =>
        {
            if (request.Target is not { } target || request.TargetId is not { } targetId)
                return ApiResults.From(Outcome<bool>.Invalid("target", "target (Run, ModelVersion or ReportVersion) and targetId are required."));
            var outcome = await shares.CreateAsync(Caller.From(user)!, target, targetId, request.Expiry ?? ShareExpiry.Never, request.Until, request.Note, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/share-links/{outcome.Value!.Link.Id}", new ShareLinkCreatedDto(outcome.Value.Link, WorkspacesApi.AbsoluteUrl(http, outcome.Value.Path)))
                : ApiResults.From(outcome);
        }).WithSummary("Create a read-only share link for a run, a model version or a published report version (Editors and Owners); expiry Never|OneDay|SevenDays|ThirtyDays|Date (with until). The url is shown once.");

        links.MapPost("/{id:guid}/revoke", async (Guid id, ClaimsPrincipal user, ShareLinkService shares, CancellationToken ct) =>
        {
            var outcome = await shares.RevokeAsync(Caller.From(user)!, id, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary("Revoke a share link at once (its creator, the workspace's Owners, admins).");

        api.MapGet("/admin/share-links", async (ClaimsPrincipal user, ShareLinkService shares, CancellationToken ct) =>
            await shares.ListAsync(Caller.From(user)!, null, ct) is { } all ? Results.Ok(all) : Results.Problem("Admins only.", statusCode: StatusCodes.Status403Forbidden))
            .WithTags("Admin").WithSummary("Every share link of every workspace (admins only).");
    }

    /// <summary>The object behind a share link, for anyone holding it (no account): 404 unknown, 410 expired or revoked.</summary>
    public static void MapSharedObjectApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/shared/{token}", async (string token, ShareLinkService shares, CancellationToken ct) =>
        {
            var (state, shared) = await shares.ResolveAsync(token, countUse: true, ct);
            if (state == ShareLinkState.Gone) return Results.Problem("This link is no longer valid.", statusCode: StatusCodes.Status410Gone);
            if (shared is null) return ApiEndpoints.NotFound();
            if (shared.Run is { } r)
                return Results.Ok(new SharedRunDto(r.Id, shared.Model?.Name, shared.Version?.Version, r.ModelType, r.Seed, r.SpecHash, r.SoftwareVersion, r.Status,
                    r.CreatedAt, r.StartedAt, r.FinishedAt, JsonDocument.Parse(r.SpecJson).RootElement.Clone(),
                    r.Status == RunStatus.Succeeded && r.ResultJson is not null ? JsonDocument.Parse(r.ResultJson).RootElement.Clone() : null));
            if (shared.ReportVersion is { } rv) return Results.Ok(new SharedReportVersionDto(rv.Title, rv.Version, rv.PublishedAt, rv.Source, rv.Html));
            var v = shared.Version!;
            return Results.Ok(new SharedModelVersionDto(shared.Model!.Name, shared.Model.Description, shared.Model.ModelType, v.Version, v.CreatedAt,
                JsonDocument.Parse(v.ParametersJson).RootElement.Clone()));
        }).AllowAnonymous().WithTags("Share links").WithSummary("Read the run or model version a share link opens; no account needed (404 unknown, 410 expired or revoked).");
    }
}
