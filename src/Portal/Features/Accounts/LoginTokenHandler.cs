using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Accounts;

/// <summary>
/// Identity's login bearer tokens, plus the check Identity leaves out: the account's security stamp must still be
/// the one the token was issued with, so that signing out (which renews the stamp) revokes every token at once.
/// Cookies get the same check from Identity's own validator.
/// </summary>
public sealed class LoginTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SignInManager<PortalUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "login-token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!result.Succeeded) return result.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(result.Failure!);
        if (await signIn.ValidateSecurityStampAsync(result.Principal) is null)
            return AuthenticateResult.Fail("The token was revoked: the account signed out.");
        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, SchemeName));
    }
}
