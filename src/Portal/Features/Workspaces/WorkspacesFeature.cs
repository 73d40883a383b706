using Portal.Features.Datasets;
using Portal.Features.Models;

namespace Portal.Features.Workspaces;

public static class WorkspacesFeature
{
    /// <summary>Workspaces, their models and the demo content.</summary>
    public static IServiceCollection AddWorkspaces(this IServiceCollection services)
    {
        services.AddScoped<WorkspaceService>();
        services.AddScoped<MembershipService>();
        services.AddScoped<ModelService>();
        services.AddScoped<DatasetService>();
        services.AddScoped<DemoContent>();
        return services;
    }
}
