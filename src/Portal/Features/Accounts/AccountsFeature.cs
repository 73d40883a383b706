using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;
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

    /// <summary>Bearer credentials of the API: personal access tokens (pat_…) or Identity's login tokens.</summary>
    public const string BearerScheme = "api-bearer";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, LoginTokenHandler>(LoginTokenHandler.SchemeName, null)
            .AddPolicyScheme(BearerScheme, "Bearer token", o => o.ForwardDefaultSelector = ctx =>
                AccessTokenHandler.Bearer(ctx.Request)?.StartsWith(AccessToken.TokenPrefix, StringComparison.Ordinal) == true
                    ? AccessTokenHandler.SchemeName : LoginTokenHandler.SchemeName)
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
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, BearerScheme).RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AccountService>();
        services.AddScoped<AccessTokenService>();
        services.AddScoped<SignInService>();
        services.AddSingleton<SignInThrottle>();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddSingleton<MailSender>();
        services.AddScoped<PasswordResetService>();
        // Password reset links (and Identity's other one-time tokens) expire after Portal:PasswordResetHours.
        services.AddOptions<DataProtectionTokenProviderOptions>().Configure<IConfiguration>((o, configuration) =>
            o.TokenLifespan = TimeSpan.FromHours(configuration.GetValue("Portal:PasswordResetHours", 24.0)));
        services.AddSingleton(TimeProvider.System);
        // Checked on every request, so that signing out (which renews the stamp) ends captured sessions at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
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
        // Signing out ends every session of the account: captured cookies and bearer tokens stop working at once.
        app.MapPost("/account/logout", async (SignInManager<PortalUser> signIn, System.Security.Claims.ClaimsPrincipal user, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            if (await signIn.UserManager.GetUserAsync(user) is { } account) await signIn.UserManager.UpdateSecurityStampAsync(account);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(LoginPage.SafeReturnUrl(returnUrl));
        }).RequireAuthorization().ExcludeFromDescription();

        var api = app.MapGroup("/api/auth").WithTags("Authentication");
        api.MapPost("/register", async (RegisterRequest request, AccountService accounts, CancellationToken ct) =>
        {
            var outcome = await accounts.RegisterAsync(request.Email, request.Password, request.DisplayName, request.InviteToken, ct);
            return outcome.Succeeded
                ? Results.Ok(new { outcome.Value!.Id, outcome.Value.Email, outcome.Value.DisplayName })
                : Api.ApiResults.From(outcome);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignUp)
          .WithSummary("Create an account (the first account becomes Admin; later ones follow the sign-up mode).");

        api.MapPost("/login", async (LoginRequest request, SignInService signIn, HttpContext http) =>
        {
            var attempt = await signIn.PasswordSignInAsync(request.Email, request.Password, http, IdentityConstants.BearerScheme, persistent: false, "API");
            if (attempt.Verdict == SignInVerdict.Throttled) http.Response.Headers.RetryAfter = Math.Ceiling(attempt.RetryAfter.TotalSeconds).ToString("0");
            // On success the bearer handler has written { tokenType, accessToken, expiresIn, refreshToken }.
            return attempt.Verdict switch
            {
                SignInVerdict.SignedIn => Results.Empty,
                SignInVerdict.Throttled => Results.Problem(attempt.Message, statusCode: StatusCodes.Status429TooManyRequests),
                _ => Results.Problem(attempt.Message, statusCode: StatusCodes.Status401Unauthorized),
            };
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
          .WithSummary("Exchange email and password for a bearer token (send it as 'Authorization: Bearer <accessToken>'; it lasts an hour, renew it with the refresh token).");

        api.MapPost("/refresh", async (RefreshRequest request, SignInManager<PortalUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time) =>
        {
            var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
                return Results.Problem("The refresh token is invalid, expired, or was revoked by signing out.", statusCode: StatusCodes.Status401Unauthorized);
            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
          .WithSummary("Exchange a refresh token for a new bearer token (until the account signs out).");

        api.MapPost("/password-reset", async (ResetRequest request, PasswordResetService resets, HttpContext http, CancellationToken ct) =>
        {
            if (TextRules.Problem("email", request.Email) is { } bad) return Results.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [bad] });
            await resets.RequestAsync(request.Email, path => Api.WorkspacesApi.AbsoluteUrl(http, path), ct);
            return Results.Accepted(value: new
            {
                message = resets.MailConfigured
                    ? "If an account exists for that address, a reset link is on its way."
                    : "This portal sends no mail: ask an administrator for a reset link.",
            });
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignUp)
          .WithSummary("Ask for a password reset link by email (the same answer whether or not the account exists; without a mail server, ask an admin).");

        api.MapPost("/password-reset/confirm", async (ResetConfirmation request, PasswordResetService resets, CancellationToken ct) =>
        {
            var outcome = await resets.ResetAsync(request.UserId, request.Token, request.Password, ct);
            return outcome.Succeeded ? Results.NoContent() : Api.ApiResults.From(outcome);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
          .WithSummary("Set a new password with a reset link's user and token; signs the account out everywhere. A link works once.");

        app.MapGet("/api/admin/users", async (System.Security.Claims.ClaimsPrincipal user, PasswordResetService resets, CancellationToken ct) =>
            await resets.ListAsync(Workspaces.Caller.From(user)!, ct) is { } list ? Results.Ok(list) : Results.Problem("Admins only.", statusCode: StatusCodes.Status403Forbidden))
            .RequireAuthorization(ApiPolicy).WithTags("Admin").WithSummary("Every account (admins only).");

        app.MapPost("/api/admin/users/{id}/password-reset", async (string id, System.Security.Claims.ClaimsPrincipal user, PasswordResetService resets, HttpContext http, CancellationToken ct) =>
        {
            var outcome = await resets.IssueAsync(Workspaces.Caller.From(user)!, id, ct);
            return outcome.Value is { } link
                ? Results.Ok(new { link = Api.WorkspacesApi.AbsoluteUrl(http, link.Path), expiresAt = link.ExpiresAt })
                : Api.ApiResults.From(outcome);
        }).RequireAuthorization(ApiPolicy).WithTags("Admin").WithSummary("Issue a single-use, expiring password reset link for an account, to pass on by hand (admins only).");

        api.MapPost("/logout", async (SignInManager<PortalUser> signIn, System.Security.Claims.ClaimsPrincipal user) =>
        {
            if (await signIn.UserManager.GetUserAsync(user) is not { } account) return Results.Unauthorized();
            await signIn.UserManager.UpdateSecurityStampAsync(account);
            return Results.NoContent();
        }).RequireAuthorization(ApiPolicy)
          .WithSummary("Sign out everywhere: every bearer token, refresh token and sign-in cookie of the account stops working (personal access tokens are revoked separately).");
    }

    public sealed record ResetRequest(string? Email);
    public sealed record ResetConfirmation(string? UserId, string? Token, string? Password);
    public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? InviteToken);
    public sealed record LoginRequest(string? Email, string? Password);
    public sealed record RefreshRequest(string? RefreshToken);
}
