using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Features.Accounts;

/// <summary>The "Portal:RateLimits" section: requests per client address (sign-in, sign-up) or per user (tokens, runs).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Portal:RateLimits";

    public int SignInPerMinute { get; set; } = 20;
    public int SignUpPerHour { get; set; } = 20;
    public int TokensPerHour { get; set; } = 30;
    public int RunsPerMinute { get; set; } = 120;
}

/// <summary>
/// ASP.NET Core's rate limiter on the endpoints worth attacking: sign-in (password guessing across accounts),
/// sign-up, access-token creation and run submission. A refusal answers 429 with Retry-After. Pages count
/// only their form posts, not their views.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Tokens = "tokens";
    public const string Runs = "runs";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var o = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignIn, ctx => Window(ctx, ByAddress(ctx), o.SignInPerMinute, TimeSpan.FromMinutes(1)));
            limiter.AddPolicy(SignUp, ctx => Window(ctx, ByAddress(ctx), o.SignUpPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Tokens, ctx => Window(ctx, ByUser(ctx), o.TokensPerHour, TimeSpan.FromHours(1)));
            limiter.AddPolicy(Runs, ctx => Window(ctx, ByUser(ctx), o.RunsPerMinute, TimeSpan.FromMinutes(1)));
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
                http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
                await Results.Problem($"Too many requests: try again in {Math.Ceiling(wait.TotalSeconds):0} s.", title: "Slow down.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            };
        });
    }

    private static RateLimitPartition<string> Window(HttpContext ctx, string key, int permits, TimeSpan window) =>
        HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
            ? RateLimitPartition.GetNoLimiter("reads")
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true,
            });

    private static string ByAddress(HttpContext ctx) => "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "local");

    private static string ByUser(HttpContext ctx) =>
        ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : ByAddress(ctx);
}
