using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Data;
using Portal.Features.Activity;
using Microsoft.AspNetCore.Authentication;

namespace Portal.Features.Accounts;

public static class AccountsFeature
{
    /// <summary>Policy of the REST API: a signed-in user by cookie or by Identity bearer token.</summary>
    public const string ApiPolicy = "api";

    /// <summary>Bearer tokens only: for endpoints that take forms without antiforgery (a cookie alone must not reach them).</summary>
    public const string TokenPolicy = "api-token";

    /// <summary>Bearer credentials of the API: personal access tokens (pat_…) or Identity's login tokens.</summary>
    public const string BearerScheme = "api-bearer";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null)
            .AddPolicyScheme(BearerScheme, "Bearer token", o => o.ForwardDefaultSelector = ctx =>
                AccessTokenHandler.Bearer(ctx.Request)?.StartsWith(AccessToken.TokenPrefix, StringComparison.Ordinal) == true
                    ? AccessTokenHandler.SchemeName : IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/forbidden";
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            // The API answers with status codes, never with redirects to the sign-in page.
            o.Events.OnRedirectToLogin = ctx =>
                // A signed-out share-link holder asking for anything else of the portal learns nothing: not even that it needs an account.
                ctx.Request.Cookies.ContainsKey(Sharing.SharedPage.HolderCookie) && !ctx.Request.Path.StartsWithSegments("/api")
                    ? SetStatus(ctx, StatusCodes.Status404NotFound)
                    : StatusOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => StatusOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.AddIdentityCore<PortalUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, BearerScheme).RequireAuthenticatedUser())
            .AddPolicy(TokenPolicy, p => p.AddAuthenticationSchemes(BearerScheme).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AccountService>();
        services.AddScoped<AccessTokenService>();
        return services;
    }

    private static Task SetStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Sign-out for the UI (a form POST with antiforgery) and the token endpoints of the API.</summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<PortalUser> signIn, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') ? "/" : returnUrl);
        }).RequireAuthorization();

        var api = app.MapGroup("/api/auth").WithTags("Authentication");
        api.MapPost("/register", async (RegisterRequest request, AccountService accounts, CancellationToken ct) =>
        {
            var outcome = await accounts.RegisterAsync(request.Email, request.Password, request.DisplayName, request.InviteToken, ct);
            return outcome.Succeeded
                ? Results.Ok(new { outcome.Value!.Id, outcome.Value.Email, outcome.Value.DisplayName })
                : Api.ApiResults.From(outcome);
        }).AllowAnonymous().WithSummary("Create an account (the first account becomes Admin; later ones follow the sign-up mode).");

        api.MapPost("/login", async (LoginRequest request, SignInManager<PortalUser> signIn, ActivityLog log, HttpContext http) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
            await RecordSignInAsync(log, signIn, request.Email, result, http, "API");
            // On success the bearer handler has written { tokenType, accessToken, expiresIn, refreshToken }.
            return result.Succeeded ? Results.Empty
                : Results.Problem(result.IsLockedOut ? "Too many failed attempts; the account is locked for a few minutes." : "Wrong email or password.",
                    statusCode: StatusCodes.Status401Unauthorized);
        }).AllowAnonymous().WithSummary("Exchange email and password for a bearer token (send it as 'Authorization: Bearer <accessToken>').");
    }

    /// <summary>Writes a sign-in or a failed sign-in to the audit log (the email as typed, the client address).</summary>
    public static async Task RecordSignInAsync(ActivityLog log, SignInManager<PortalUser> signIn, string? email, SignInResult result, HttpContext http, string channel)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await signIn.UserManager.FindByEmailAsync(email.Trim());
        var typed = (email ?? "").Trim();
        if (typed.Length > 256) typed = typed[..256];
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (result.Succeeded)
            await log.RecordAsync(user?.Id, ActivityAction.SignedIn, $"{typed} signed in ({channel})", targetKind: "user", targetId: user?.Id, address: address);
        else
            await log.RecordAsync(null, ActivityAction.SignInFailed,
                $"failed sign-in for {typed} ({channel}{(result.IsLockedOut ? ", account locked" : user is null ? ", no such account" : ", wrong password")})",
                targetKind: "user", targetId: user?.Id, address: address);
    }

    public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? InviteToken);
    public sealed record LoginRequest(string? Email, string? Password);
}
