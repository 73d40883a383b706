using Microsoft.AspNetCore.Http.Json;
using MudBlazor.Services;
using Portal;
using Portal.Components;
using Portal.Data;
using Portal.Features.Accounts;
using Portal.Features.Activity;
using Portal.Features.Comments;
using Portal.Features.Compare;
using Portal.Features.Sharing;
using Portal.Features.Admin;
using Microsoft.AspNetCore.Http;
using Portal.Features.Api;
using Portal.Features.Reports;
using Portal.Features.Runs;
using Portal.Features.Observability;
using Portal.Features.Sweeps;
using Portal.Features.Workspaces;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
// Outside Development, one JSON object per log line, for log collectors of scaled-out set-ups.
if (!builder.Environment.IsDevelopment())
    builder.Logging.ClearProviders().AddJsonConsole(o => { o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; o.UseUtcTimestamp = true; });

builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
builder.Services.AddPortalData(builder.Configuration, builder.Environment);
builder.Services.AddAccounts();
builder.Services.AddPortalRateLimits(builder.Configuration);
builder.Services.AddWorkspaces();
builder.Services.AddRuns(builder.Configuration);
builder.Services.AddSweeps();
builder.Services.AddCompare();
builder.Services.AddAdmin();
builder.Services.AddSharing();
builder.Services.AddComments();
builder.Services.AddActivity();
builder.Services.AddReports();
builder.Services.AddObservability(builder.Configuration, Portal.Features.Workers.PortalRoles.From(builder.Configuration));
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.HttpOnly = true;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.Cookie.SameSite = SameSiteMode.Lax;
});
// The security headers set X-Frame-Options (and frame-ancestors) for every response; antiforgery would add a second, weaker one.
builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
// JSON bodies of the API are small; only data-set uploads are large (their own limit is checked while reading).
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
// Unreadable bodies throw in every environment, so that the handler above answers with a problem naming what
// could not be read (by default Production answers an empty 400).
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.Configure<JsonOptions>(o =>
{
    o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
    o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
});

var app = builder.Build();
if (app.Services.GetRequiredService<Portal.Features.Workers.ThisProcess>().Role == Portal.Features.Workers.PortalRole.Worker)
{
    // A compute worker: jobs of the compute queue, and /healthz for the orchestrator; no pages, no API.
    await app.Services.WaitForMigrationsAsync(TimeSpan.FromMinutes(5), app.Logger);
    await app.Services.ReconcileRunsAsync();
    app.MapHealth();
    app.Run();
    return;
}
app.Services.MigratePortalDb();
await app.Services.ReconcileRunsAsync();

// The API answers every failure with problem details (also the empty 401/405/415 the framework writes); browsers get the error page.
app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), branch => branch.UseExceptionHandler().UseStatusCodePages());
app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), branch => branch.UseExceptionHandler("/error", createScopeForErrors: true));
// Friendly not-found pages for browsers only: the API answers with problem details, and re-executing a POST
// into a page would turn a 401 into a confusing 400.
app.UseWhen(ctx => HttpMethods.IsGet(ctx.Request.Method) && !ctx.Request.Path.StartsWithSegments("/api") && !ctx.Request.Path.StartsWithSegments("/admin/jobs"),
    branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
if (!app.Environment.IsDevelopment()) app.UseHsts();
// Explicitly after the error and status-code pages: a re-executed request (/error, /not-found) must be routed
// again, which the implicit routing at the very start of the pipeline would not do.
app.UseRouting();
app.UseSecurityHeaders();
app.UseSharedViewHeaders();
app.UseApiRequestGuards();
app.UseAuthentication();
app.UseAuthorization();
// After authorization, which sets the user a bearer token names, so that limits per user see who is asking.
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Phase Portal API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
app.MapAccountEndpoints();
app.MapPortalApi();
app.MapAdmin();
app.MapMetrics();
// The security headers already forbid framing; Blazor would add a second, weaker policy.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
