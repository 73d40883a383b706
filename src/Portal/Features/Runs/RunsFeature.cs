using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Features.Workers;

namespace Portal.Features.Runs;

public static class RunsFeature
{
    /// <summary>
    /// Run services and the Hangfire job system: in-memory storage and an in-process server by default; with PostgreSQL the
    /// shared storage, a server only in roles that run jobs, and the watchers that carry progress and dead workers across processes.
    /// </summary>
    public static IServiceCollection AddRuns(this IServiceCollection services, IConfiguration configuration)
    {
        var role = PortalRoles.From(configuration);
        var portal = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var shared = PortalDataSetup.Provider(configuration) == PortalDataSetup.Postgres;
        services.AddSingleton(new ThisProcess(role));
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunCancellations>();
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<ComputeQueue>();
        services.AddScoped<WorkerOverview>();
        services.AddScoped<RunService>();
        services.AddScoped<RunQueryService>();
        services.AddScoped<RunLabelService>();
        services.AddScoped<RunBulkService>();
        services.AddScoped<RerunService>();
        services.AddSingleton<RunOutlook.Calibrations>();
        services.AddScoped<RunOutlook>();
        services.AddScoped<RunReconciler>();
        services.AddTransient<ExecuteRunJob>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(5, portal.ShutdownSeconds)));

        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePortalJobStorage(configuration));

        services.AddSingleton<DeadWorkerSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadWorkerSweeper>());
        if (shared && role != PortalRole.Worker)
        {
            services.AddSingleton<RemoteRunWatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<RemoteRunWatcher>());
        }
        if (role.RunsJobs(portal))
        {
            // Before the server: hosted services stop in reverse order, so the heartbeat outlives the runs it hands back.
            services.AddHostedService<WorkerHeartbeat>();
            services.AddHangfireServer(o =>
            {
                o.Queues = [ExecuteRunJob.QueueName];
                o.WorkerCount = portal.EffectiveWorkers;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                // Leaves the host a few seconds after the runs have handed themselves back.
                o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(3, portal.ShutdownSeconds - 5));
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return services;
    }

    /// <summary>Start-up work after migrations: reconcile the queue with the database, then (web roles) the demo content.</summary>
    public static async Task ReconcileRunsAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var embedded = PortalDataSetup.Provider(configuration) != PortalDataSetup.Postgres;
        await scope.ServiceProvider.GetRequiredService<RunReconciler>().ReconcileAsync(embedded: embedded);
        await RunValuesBackfill.EnsureAsync(scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDb>>(),
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RunValuesBackfill)));
        if (scope.ServiceProvider.GetRequiredService<ThisProcess>().Role != PortalRole.Worker
            && scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value.SeedDemoContent)
            await scope.ServiceProvider.GetRequiredService<Workspaces.DemoContent>().EnsureAsync();
    }
}
