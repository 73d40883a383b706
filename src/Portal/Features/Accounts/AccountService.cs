using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Activity;
using Portal.Features.Admin;
using Portal.Features.Workspaces;
using Shared.Models;

namespace Portal.Features.Accounts;

/// <summary>
/// Sign-up rules shared by the page and the API: the first account becomes Admin, later ones follow the
/// admin's sign-up mode (open or invite-only), and every account gets a personal workspace.
/// </summary>
public sealed class AccountService(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IDbContextFactory<PortalDb> dbFactory, SettingsService settings)
{
    private static readonly SemaphoreSlim FirstUserGate = new(1, 1);

    public async Task<Outcome<PortalUser>> RegisterAsync(string? email, string? password, string? displayName, string? inviteToken, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@') || email.Length > 256)
            errors.Add(new FieldError("email", "email must be a valid address (at most 256 characters)."));
        if (string.IsNullOrEmpty(password))
            errors.Add(new FieldError("password", "password is required."));
        if (TextRules.HasForbiddenCharacters(email) || TextRules.HasForbiddenCharacters(password))
            errors.Add(new FieldError(TextRules.HasForbiddenCharacters(email) ? "email" : "password", "email and password must not contain control characters."));
        if (TextRules.Problem("displayName", displayName) is { } badName) errors.Add(new FieldError("displayName", badName));
        if ((displayName ?? "").Length > 100)
            errors.Add(new FieldError("displayName", "displayName must be at most 100 characters."));
        if (errors.Count > 0) return Outcome<PortalUser>.Invalid(errors);

        // Serialized so that two simultaneous first sign-ups cannot both become Admin.
        await FirstUserGate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var isFirst = !await db.Users.AnyAsync(ct);
            var invitation = string.IsNullOrEmpty(inviteToken) ? null : await MembershipService.FindAsync(db, inviteToken, ct);
            var now = DateTimeOffset.UtcNow;
            if (invitation is not null && !invitation.IsUsable(now))
                return Outcome<PortalUser>.Invalid("invite", "This invitation has been used, revoked or has expired. Ask for a new one.");
            if (!isFirst && invitation is null && await settings.GetSignUpModeAsync(ct) == SignUpMode.InviteOnly)
                return Outcome<PortalUser>.Invalid("invite", "Sign-up is by invitation only, and this invitation is missing, used or expired. Ask an admin or a workspace owner for an invitation link.");
            if (invitation?.Email is not null && !string.Equals(invitation.Email, email, StringComparison.OrdinalIgnoreCase))
                return Outcome<PortalUser>.Invalid("email", $"This invitation was issued for {invitation.Email}; sign up with that address.");

            var user = new PortalUser
            {
                UserName = email, Email = email, DisplayName = string.IsNullOrWhiteSpace(displayName) ? email!.Split('@')[0] : displayName.Trim(),
                CreatedAt = DateTimeOffset.UtcNow,
            };
            var created = await users.CreateAsync(user, password!);
            if (!created.Succeeded)
                return Outcome<PortalUser>.Invalid(created.Errors.Select(e => new FieldError(FieldOf(e.Code), e.Description)).ToList());

            if (isFirst)
            {
                if (!await roles.RoleExistsAsync(Caller.AdminRole)) await roles.CreateAsync(new IdentityRole(Caller.AdminRole));
                await users.AddToRoleAsync(user, Caller.AdminRole);
            }
            db.Workspaces.Add(WorkspaceService.NewPersonal(user));
            await ActivityLog.AddAsync(db, user.Id, ActivityAction.SignedUp, $"{user.Email} signed up{(isFirst ? " (first account: Admin)" : "")}", targetKind: "user", targetId: user.Id, ct: ct);
            if (invitation?.WorkspaceId is not null)
                await MembershipService.RedeemAsync(db, inviteToken, user, ct);
            else if (invitation is not null)
            {
                invitation.UsedAt = now;
                invitation.UsedById = user.Id;
            }
            await db.SaveChangesAsync(ct);
            return Outcome<PortalUser>.Ok(user);
        }
        finally
        {
            FirstUserGate.Release();
        }
    }

    private static string FieldOf(string identityCode) =>
        identityCode.Contains("Password", StringComparison.Ordinal) ? "password"
        : identityCode.Contains("Email", StringComparison.Ordinal) || identityCode.Contains("UserName", StringComparison.Ordinal) ? "email"
        : "account";
}
