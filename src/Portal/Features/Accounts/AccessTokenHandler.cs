using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Workspaces;

namespace Portal.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer pat_…</c> with a personal access token: the principal is the token's
/// owner, with their roles and a scope claim (read or read-write) that the permission policy honours.
/// </summary>
public sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokenService tokens, UserManager<PortalUser> users)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "access-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Bearer(Request) is not { } secret || !secret.StartsWith(AccessToken.TokenPrefix, StringComparison.Ordinal)) return AuthenticateResult.NoResult();
        if (await tokens.AuthenticateAsync(secret, Context.RequestAborted) is not { } found)
            return AuthenticateResult.Fail("The access token is unknown, revoked or expired.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, found.User.Id),
            new(ClaimTypes.Name, found.User.UserName ?? found.User.Id),
            new(Caller.TokenScopeClaim, found.Token.ReadOnly ? "read" : "read-write"),
        };
        claims.AddRange((await users.GetRolesAsync(found.User)).Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
