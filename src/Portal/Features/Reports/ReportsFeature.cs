namespace Portal.Features.Reports;

public static class ReportsFeature
{
    /// <summary>Reports, their versions and exports, and sessions.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<ReportService>();
        services.AddScoped<ReportViews>();
        services.AddScoped<SessionService>();
        services.AddSingleton<ReportAssets>();
        return services;
    }
}
