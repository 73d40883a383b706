using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

public static class PortalDataSetup
{
    /// <summary>
    /// EF Core on SQLite: the "Portal" connection string, or a file under the data directory.
    /// Registers a context factory (Blazor: one context per operation) and the scoped context Identity uses.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment env)
    {
        var connectionString = configuration.GetConnectionString("Portal");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dir = configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.DataDirectory)}"] ?? "data";
            var full = Path.GetFullPath(Path.Combine(env.ContentRootPath, dir));
            Directory.CreateDirectory(full);
            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(full, "portal.db"), DefaultTimeout = 30 }.ToString();
        }
        services.AddDbContextFactory<PortalDb>(o => o.UseSqlite(connectionString));
        return services;
    }

    /// <summary>Applies migrations and switches the file to write-ahead logging (readers never block the writer).</summary>
    public static void MigratePortalDb(this IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();
        db.Database.Migrate();
        if (db.Database.GetDbConnection().DataSource != ":memory:")
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }
}
