using System.Security.Claims;
using Portal.Features.Accounts;
using Portal.Features.Workspaces;

namespace Portal.Features.Api;

public sealed record CreateTokenRequest(string? Name, bool? ReadOnly, int? ValidDays);

public static class TokensApi
{
    public static void MapTokensApi(this RouteGroupBuilder api)
    {
        // Managed by the person, not by a script: a token cannot mint or revoke tokens.
        var tokens = api.MapGroup("/tokens").WithTags("Access tokens").AddEndpointFilter(async (context, next) =>
            Caller.ByAccessToken(context.HttpContext.User)
                ? Results.Problem("Access tokens are managed by signing in (cookie or login token), not with an access token.", statusCode: StatusCodes.Status403Forbidden)
                : await next(context));

        tokens.MapGet("/", async (ClaimsPrincipal user, AccessTokenService service, CancellationToken ct) => await service.ListAsync(Caller.From(user)!, ct))
            .WithSummary("The caller's personal access tokens (never the secrets).");

        tokens.MapPost("/", async (CreateTokenRequest request, ClaimsPrincipal user, AccessTokenService service, CancellationToken ct) =>
        {
            var outcome = await service.CreateAsync(Caller.From(user)!, request.Name, request.ReadOnly ?? false, request.ValidDays, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/tokens/{outcome.Value!.Token.Id}", new { token = outcome.Value.Secret, details = outcome.Value.Token })
                : ApiResults.From(outcome);
        }).RequireRateLimiting(Accounts.RateLimits.Tokens).WithSummary($"Create a token (name, readOnly, validDays: one of {string.Join(", ", AccessTokenService.ValidDays)}, or empty for none). The token is in the response only.");

        tokens.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, AccessTokenService service, CancellationToken ct) =>
        {
            var outcome = await service.RevokeAsync(Caller.From(user)!, id, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : ApiResults.From(outcome);
        }).WithSummary("Revoke one of the caller's tokens; it stops working at once.");
    }
}
