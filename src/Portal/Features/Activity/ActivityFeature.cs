namespace Portal.Features.Activity;

public static class ActivityFeature
{
    public static IServiceCollection AddActivity(this IServiceCollection services)
    {
        services.AddScoped<ActivityLog>();
        services.AddHostedService<RunActivityRecorder>();
        return services;
    }
}
