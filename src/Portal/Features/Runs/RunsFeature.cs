using Hangfire;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Features.Runs;

public static class RunsFeature
{
    /// <summary>Run services and the Hangfire job system (in-memory storage, in-process server on the compute queue).</summary>
    public static IServiceCollection AddRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunCancellations>();
        services.AddScoped<RunService>();
        services.AddScoped<RunReconciler>();
        services.AddTransient<ExecuteRunJob>();

        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePortalJobStorage(configuration));

        var portal = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        if (portal.RunJobServer)
        {
            services.AddHangfireServer(o =>
            {
                o.Queues = [ExecuteRunJob.QueueName];
                o.WorkerCount = portal.EffectiveWorkers;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.ShutdownTimeout = TimeSpan.FromSeconds(10);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            });
        }
        return services;
    }

    /// <summary>Start-up work after migrations: reconcile the queue with the database, then the demo content.</summary>
    public static async Task ReconcileRunsAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RunReconciler>().ReconcileAsync();
        if (scope.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>().Value.SeedDemoContent)
            await scope.ServiceProvider.GetRequiredService<Workspaces.DemoContent>().EnsureAsync();
    }
}
