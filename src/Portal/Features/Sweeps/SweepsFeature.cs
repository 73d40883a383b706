namespace Portal.Features.Sweeps;

public static class SweepsFeature
{
    public static IServiceCollection AddSweeps(this IServiceCollection services) => services.AddScoped<SweepService>();
}
