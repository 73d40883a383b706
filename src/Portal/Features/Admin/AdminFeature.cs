using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Features.Workspaces;

namespace Portal.Features.Admin;

public static class AdminFeature
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<SettingsService>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<JobServerHealthCheck>("jobs");
        return services;
    }

    /// <summary>The Hangfire Dashboard at /admin/jobs (Admins only: signed-out users are sent to sign in, others get 403) and /healthz.</summary>
    public static void MapAdmin(this WebApplication app)
    {
        // Hangfire answers a non-admin with a bare 403; give the browser a page that says why.
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/admin/jobs"), branch => branch.UseStatusCodePages("text/html",
            "<!doctype html><meta charset=utf-8><title>Not allowed</title><p>The job dashboard is for admins only (HTTP {0}). <a href=\"/\">Back to Phase Portal</a></p>"));

        // The dashboard's stats endpoint reads a POSTed form and throws on anything else.
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/admin/jobs/stats") && !HttpMethods.IsPost(ctx.Request.Method),
            branch => branch.Run(ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                ctx.Response.Headers.Allow = "POST";
                return Task.CompletedTask;
            }));

        app.MapHangfireDashboard("/admin/jobs", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            AppPath = "/admin/runs",
            DashboardTitle = "Phase Portal · jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization();

        app.MapHealth();
    }

    /// <summary>/healthz: the database and the job servers, for load balancers and orchestrators (every role has it).</summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (ctx, report) =>
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsJsonAsync(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
                });
            },
        }).AllowAnonymous();
    }

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Caller.AdminRole);
    }
}

public sealed class DatabaseHealthCheck(Microsoft.EntityFrameworkCore.IDbContextFactory<Data.PortalDb> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy($"{db.Database.ProviderName?.Split('.').Last()} database reachable")
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}

/// <summary>Healthy when at least one job server has sent a heartbeat in the last minute.</summary>
public sealed class JobServerHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var servers = storage.GetMonitoringApi().Servers();
        var alive = servers.Count(s => s.Heartbeat is { } beat && DateTime.UtcNow - beat < TimeSpan.FromMinutes(1));
        var workers = servers.Sum(s => s.WorkersCount);
        return Task.FromResult(alive > 0
            ? HealthCheckResult.Healthy($"{alive} job server(s), {workers} worker(s)")
            : HealthCheckResult.Degraded("No job server is running: runs stay queued until a worker starts."));
    }
}
