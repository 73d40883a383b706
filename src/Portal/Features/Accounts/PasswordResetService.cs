using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Workspaces;

namespace Portal.Features.Accounts;

/// <summary>A password reset link and when it stops working.</summary>
public sealed record ResetLink(string Path, DateTimeOffset ExpiresAt);

/// <summary>An account as the admin's user list shows it.</summary>
public sealed record UserSummary(string Id, string Email, string DisplayName, DateTimeOffset CreatedAt, bool IsAdmin, bool LockedOut);

/// <summary>
/// Password resets with Identity's reset tokens: signed, expiring (Portal:PasswordResetHours) and single-use (a reset renews
/// the account's security stamp, which voids the token and signs the account out everywhere). With an SMTP server anyone may
/// ask for a link by email; without one an admin issues the link and passes it on.
/// </summary>
public sealed class PasswordResetService(
    UserManager<PortalUser> users, MailSender mail, ActivityLog activity, IDbContextFactory<PortalDb> dbFactory,
    Microsoft.Extensions.Options.IOptions<DataProtectionTokenProviderOptions> tokenOptions, TimeProvider time)
{
    public bool MailConfigured => mail.IsConfigured;

    public TimeSpan Lifetime => tokenOptions.Value.TokenLifespan;

    public async Task<List<UserSummary>?> ListAsync(Caller caller, CancellationToken ct)
    {
        if (!caller.IsAdmin) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var adminRole = await db.Roles.Where(r => r.Name == Caller.AdminRole).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var admins = await db.UserRoles.Where(ur => ur.RoleId == adminRole).Select(ur => ur.UserId).ToListAsync(ct);
        var now = time.GetUtcNow();
        var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.CreatedAt, u.LockoutEnd }).ToListAsync(ct);
        return rows.Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, u.CreatedAt, admins.Contains(u.Id), u.LockoutEnd > now)).ToList();
    }

    /// <summary>An admin's reset link for an account, to pass on by hand.</summary>
    public async Task<Outcome<ResetLink>> IssueAsync(Caller caller, string userId, CancellationToken ct)
    {
        if (!caller.IsAdmin) return Outcome<ResetLink>.Denied("Only admins issue password reset links.");
        if (userId.Length > 64 || TextRules.Problem("id", userId) is not null || await users.FindByIdAsync(userId) is not { } user) return Outcome<ResetLink>.Missing();
        var link = await LinkAsync(user);
        await activity.RecordAsync(caller.UserId, "account.password-reset-issued", $"issued a password reset link for {user.Email}", targetKind: "user", targetId: user.Id);
        return Outcome<ResetLink>.Ok(link);
    }

    /// <summary>
    /// Mails a reset link when the address belongs to an account and a mail server is configured. Says nothing about
    /// whether the account exists: the answer is the same either way.
    /// </summary>
    public async Task RequestAsync(string? email, Func<string, string> absoluteUrl, CancellationToken ct)
    {
        if (!mail.IsConfigured || string.IsNullOrWhiteSpace(email) || email.Length > 256 || TextRules.Problem("email", email) is not null
            || await users.FindByEmailAsync(email.Trim()) is not { } user) return;
        var link = await LinkAsync(user);
        var body = $"Someone (we hope you) asked to reset the password of your Phase Portal account {user.Email}.\n\n" +
                   $"Choose a new password here (the link works once, until {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC):\n{absoluteUrl(link.Path)}\n\n" +
                   "If you did not ask for this, ignore this message: your password stays as it is.";
        await mail.SendAsync(user.Email!, "Reset your Phase Portal password", body, ct);
        await activity.RecordAsync(user.Id, "account.password-reset-mailed", $"asked for a password reset link by email ({user.Email})", targetKind: "user", targetId: user.Id);
    }

    public async Task<Outcome<bool>> ResetAsync(string? userId, string? token, string? password, CancellationToken ct)
    {
        const string spent = "This reset link has expired or was already used: ask for a new one.";
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || userId.Length > 64 || token.Length > 4096
            || TextRules.Problem("userId", userId) is not null || TextRules.Problem("token", token) is not null
            || await users.FindByIdAsync(userId) is not { } user)
            return Outcome<bool>.Invalid("token", spent);
        if (string.IsNullOrEmpty(password)) return Outcome<bool>.Invalid("password", "password is required.");
        if (password.Length > 256) return Outcome<bool>.Invalid("password", "password must be at most 256 characters.");
        if (TextRules.Problem("password", password) is { } badPassword) return Outcome<bool>.Invalid("password", badPassword);
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return Outcome<bool>.Invalid("token", spent);
        }
        var result = await users.ResetPasswordAsync(user, decoded, password);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "InvalidToken")
                ? Outcome<bool>.Invalid("token", spent)
                : Outcome<bool>.Invalid(result.Errors.Select(e => new Shared.Models.FieldError("password", e.Description)).ToList());
        }
        // A reset also ends a lockout from wrong guesses: the person has proved they hold the link.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await activity.RecordAsync(user.Id, "account.password-reset", $"reset the password of {user.Email}", targetKind: "user", targetId: user.Id);
        return Outcome<bool>.Ok(true);
    }

    private async Task<ResetLink> LinkAsync(PortalUser user)
    {
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        return new ResetLink($"/account/reset?user={Uri.EscapeDataString(user.Id)}&token={token}", time.GetUtcNow() + Lifetime);
    }
}
