using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Features.Activity;

namespace Portal.Features.Accounts;

public enum SignInVerdict
{
    SignedIn,
    WrongCredentials,
    /// <summary>Too many failures for this account from this address: wait <see cref="SignInAttempt.RetryAfter"/>.</summary>
    Throttled,
}

public sealed record SignInAttempt(SignInVerdict Verdict, TimeSpan RetryAfter = default)
{
    public string Message => Verdict switch
    {
        SignInVerdict.Throttled => $"Too many failed attempts for this account from here: try again in {Math.Ceiling(RetryAfter.TotalSeconds):0} s.",
        SignInVerdict.WrongCredentials => "Wrong email or password.",
        _ => "",
    };
}

/// <summary>
/// Password sign-in for the web form and the API alike: throttled per account and address, the same answer and
/// (by hashing even for unknown addresses) the same time for accounts that exist and ones that do not, and
/// every attempt written to the audit log.
/// </summary>
public sealed class SignInService(SignInManager<PortalUser> signIn, SignInThrottle throttle, ActivityLog log)
{
    // A hash to verify against when the account does not exist, so that the answer takes as long as for one that does.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Guid.NewGuid().ToString()));

    public async Task<SignInAttempt> PasswordSignInAsync(string? email, string? password, HttpContext http, string scheme, bool persistent, string channel)
    {
        email = (email ?? "").Trim();
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "local";
        var wait = throttle.WaitFor(email, address);
        if (wait > TimeSpan.Zero)
        {
            await LogAsync(null, email, "throttled", address, channel);
            return new SignInAttempt(SignInVerdict.Throttled, wait);
        }

        // An address with control characters names no account (and PostgreSQL could not even compare it).
        var user = email.Length == 0 || TextRules.HasForbiddenCharacters(email) ? null : await signIn.UserManager.FindByEmailAsync(email);
        SignInResult result;
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new PortalUser(), DecoyHash.Value, password ?? "");
            result = SignInResult.Failed;
        }
        else
        {
            signIn.AuthenticationScheme = scheme;
            result = await signIn.PasswordSignInAsync(user, password ?? "", persistent, lockoutOnFailure: false);
        }

        if (result.Succeeded)
        {
            throttle.Succeeded(email, address);
            await log.RecordAsync(user!.Id, ActivityAction.SignedIn, $"{email} signed in ({channel})", targetKind: "user", targetId: user.Id, address: address);
            return new SignInAttempt(SignInVerdict.SignedIn);
        }
        throttle.Failed(email, address);
        await LogAsync(user?.Id, email, user is null ? "no such account" : result.IsNotAllowed ? "not allowed" : "wrong password", address, channel);
        return new SignInAttempt(SignInVerdict.WrongCredentials);
    }

    private Task LogAsync(string? userId, string email, string why, string address, string channel) =>
        log.RecordAsync(null, ActivityAction.SignInFailed, $"failed sign-in for {(email.Length > 256 ? email[..256] : email)} ({channel}, {why})",
            targetKind: "user", targetId: userId, address: address);
}
