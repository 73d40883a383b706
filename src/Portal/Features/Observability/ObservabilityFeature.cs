using Microsoft.AspNetCore.Identity;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portal.Features.Accounts;
using Portal.Features.Workers;
using Portal.Features.Workspaces;

namespace Portal.Features.Observability;

/// <summary>
/// OpenTelemetry: metrics of ASP.NET Core, HttpClient, the runtime's HTTP stack and the portal's runs, served to admins in
/// Prometheus format at /metrics; and, when an OTLP endpoint is configured (Portal:Telemetry:OtlpEndpoint or the standard
/// OTEL_EXPORTER_OTLP_ENDPOINT), traces of requests, EF Core commands and outgoing HTTP plus the same metrics sent there.
/// Workers have no /metrics (they serve /healthz only): they report through OTLP.
/// </summary>
public static class ObservabilityFeature
{
    public const string MetricsPolicy = "MetricsScrape";

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration, PortalRole role)
    {
        var otlp = configuration[$"{PortalOptions.Section}:Telemetry:OtlpEndpoint"] is { Length: > 0 } configured ? configured
            : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } standard ? standard : null;
        services.AddSingleton<RunMetrics.QueueGauges>();
        services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, AccountsFeature.BearerScheme).RequireRole(Caller.AdminRole));

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("phase-portal", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}")
                .AddAttributes([new("portal.role", role.Label())]))
            .WithMetrics(m =>
            {
                m.AddMeter(RunMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (role != PortalRole.Worker) m.AddPrometheusExporter();
                if (otlp is not null) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/_blazor") && !ctx.Request.Path.StartsWithSegments("/healthz"))
                .AddEntityFrameworkCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql")
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        return services;
    }

    /// <summary>/metrics in Prometheus text format, for admins (a signed-in admin, or an admin's access token for a scraper).</summary>
    public static void MapMetrics(this WebApplication app)
    {
        // Created here so the queue gauges exist before the first scrape.
        app.Services.GetRequiredService<RunMetrics.QueueGauges>();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsPolicy);
    }
}
