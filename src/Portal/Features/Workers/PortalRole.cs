namespace Portal.Features.Workers;

/// <summary>
/// What one process of the portal does: everything (the one-command default), the web node of a scaled-out
/// set-up (pages, API, enqueueing), or a compute worker (jobs of the compute queue and /healthz only).
/// Chosen with <c>--role</c> on the command line or Portal:Role.
/// </summary>
public enum PortalRole
{
    All,
    Web,
    Worker,
}

public static class PortalRoles
{
    public static PortalRole From(IConfiguration configuration)
    {
        var text = configuration["role"] ?? configuration[$"{PortalOptions.Section}:Role"] ?? "all";
        var role = text.Trim().ToLowerInvariant() switch
        {
            "all" or "" => PortalRole.All,
            "web" => PortalRole.Web,
            "worker" => PortalRole.Worker,
            _ => throw new InvalidOperationException($"--role must be 'all', 'web' or 'worker', not '{text}'."),
        };
        // A web node and its workers meet in a shared job storage; the embedded one lives in one process only.
        if (role != PortalRole.All && Data.PortalDataSetup.Provider(configuration) != Data.PortalDataSetup.Postgres)
            throw new InvalidOperationException($"--role {text} needs the shared PostgreSQL database (Portal:Database=postgres): with SQLite and in-memory jobs, web and workers cannot meet.");
        return role;
    }

    /// <summary>Whether the process runs a Hangfire server on the compute queue.</summary>
    public static bool RunsJobs(this PortalRole role, PortalOptions options) => role switch
    {
        PortalRole.Worker => true,
        PortalRole.Web => false,
        _ => options.RunJobServer,
    };

    public static string Label(this PortalRole role) => role.ToString().ToLowerInvariant();
}

/// <summary>The role of this process, as a service.</summary>
public sealed record ThisProcess(PortalRole Role);
