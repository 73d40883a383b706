using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

public static class PortalDataSetup
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>"sqlite" (default: a file under the data directory) or "postgres" (the "Portal" connection string).</summary>
    public static string Provider(IConfiguration configuration) =>
        (configuration[$"{PortalOptions.Section}:Database"] ?? Sqlite).Trim().ToLowerInvariant() switch
        {
            Sqlite => Sqlite,
            Postgres or "postgresql" => Postgres,
            var other => throw new InvalidOperationException($"Portal:Database must be 'sqlite' or 'postgres', not '{other}'."),
        };

    /// <summary>
    /// EF Core on SQLite or PostgreSQL. Registers a context factory (Blazor: one context per operation) that
    /// hands out <see cref="PortalDb"/> whichever the provider, and the scoped context Identity uses.
    /// </summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment env)
    {
        var connectionString = configuration.GetConnectionString("Portal");
        if (Provider(configuration) == Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Portal:Database is 'postgres' but ConnectionStrings:Portal is empty.");
            services.AddDbContextFactory<PostgresPortalDb>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<PortalDb>>(sp => new Upcast<PostgresPortalDb>(sp.GetRequiredService<IDbContextFactory<PostgresPortalDb>>()));
            services.AddScoped<PortalDb>(sp => sp.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext());
            return services;
        }
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

    /// <summary>Hangfire's storage: in memory with SQLite (the database row is the source of truth), its own schema on PostgreSQL.</summary>
    public static IGlobalConfiguration UsePortalJobStorage(this IGlobalConfiguration hangfire, IConfiguration configuration)
    {
        if (Provider(configuration) != Postgres)
            return hangfire.UseInMemoryStorage(new Hangfire.InMemory.InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });
        var connectionString = configuration.GetConnectionString("Portal")!;
        return hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
            InvisibilityTimeout = TimeSpan.FromMinutes(30),
        });
    }

    /// <summary>Applies migrations; on SQLite also switches the file to write-ahead logging (readers never block the writer).</summary>
    public static void MigratePortalDb(this IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContext();
        db.Database.Migrate();
        if (db.Database.IsSqlite() && db.Database.GetDbConnection().DataSource != ":memory:")
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }

    /// <summary>
    /// A worker does not migrate (several starting at once would race): it waits until the web node has brought the
    /// schema up to date, so that a worker started first simply waits for it.
    /// </summary>
    public static async Task WaitForMigrationsAsync(this IServiceProvider services, TimeSpan patience, ILogger logger, CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<PortalDb>>().CreateDbContextAsync(ct);
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count == 0) return;
                logger.LogInformation("Waiting for the web node to apply {Count} migration(s) ({First}…)", pending.Count, pending[0]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && DateTime.UtcNow < deadline)
            {
                logger.LogInformation("Waiting for the database: {Message}", ex.Message);
            }
            if (DateTime.UtcNow >= deadline)
                throw new InvalidOperationException($"The database schema was not brought up to date within {patience.TotalSeconds:0} s: start a web node (--role web) first.");
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
    }

    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<PortalDb> where T : PortalDb
    {
        public PortalDb CreateDbContext() => inner.CreateDbContext();
    }
}
