using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Features.Models;
using Portal.Features.Runs;
using Portal.Features.Workspaces;
using Shared.Runs;

namespace Portal.Tests;

/// <summary>A migrated database of its own for a test: SQLite in memory, or a fresh PostgreSQL database when the suite runs on one.</summary>
public sealed class TestDatabase : IDisposable
{
    // A named shared-cache in-memory database: each context opens its own connection (jobs, progress writes and
    // cancel polling run on different threads), and this one keeps the database alive until disposal.
    private readonly SqliteConnection? _connection;
    private readonly string? _postgres;

    public TestDatabase()
    {
        if (TestPostgres.Enabled)
        {
            _postgres = TestPostgres.CreateDatabase();
            Factory = new PostgresFactory(new DbContextOptionsBuilder<PostgresPortalDb>().UseNpgsql(_postgres).Options);
        }
        else
        {
            _connection = new SqliteConnection($"Data Source=portal-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
            _connection.Open();
            Factory = new ContextFactory(new DbContextOptionsBuilder<PortalDb>().UseSqlite(_connection.ConnectionString).Options);
        }
        using var db = Factory.CreateDbContext();
        db.Database.Migrate();
    }

    public IDbContextFactory<PortalDb> Factory { get; }

    /// <summary>A user with a personal workspace; returns the caller and the workspace id.</summary>
    public (Caller Caller, Guid WorkspaceId) AddUser(string email, bool admin = false)
    {
        using var db = Factory.CreateDbContext();
        var user = new PortalUser { Id = Guid.NewGuid().ToString(), UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), DisplayName = email };
        db.Users.Add(user);
        var ws = WorkspaceService.NewPersonal(user);
        db.Workspaces.Add(ws);
        db.SaveChanges();
        return (new Caller(user.Id, admin), ws.Id);
    }

    /// <summary>A run row as the portal writes it when a user starts a run.</summary>
    public Run AddRun(Guid workspaceId, string modelType, RunSpec? spec, RunStatus status = RunStatus.Queued, string? createdBy = null, int attempt = 0)
    {
        using var db = Factory.CreateDbContext();
        var run = new Run
        {
            Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, ModelType = modelType, Seed = spec?.Seed ?? 1,
            SpecJson = spec?.ToCanonicalJson() ?? $"{{\"modelType\":\"{modelType}\",\"seed\":1,\"parameters\":{{}}}}",
            SpecHash = spec?.Hash() ?? "", SoftwareVersion = RunService.SoftwareVersion, Status = status, CreatedAt = DateTimeOffset.UtcNow,
            CreatedById = createdBy, Attempt = attempt,
        };
        using var transaction = db.Database.BeginTransaction();
        Portal.Features.Runs.RunNumbers.AssignAsync(db, workspaceId, [run], CancellationToken.None).GetAwaiter().GetResult();
        db.Runs.Add(run);
        db.SaveChanges();
        transaction.Commit();
        return run;
    }

    public Run Reload(Guid runId)
    {
        using var db = Factory.CreateDbContext();
        return db.Runs.AsNoTracking().Single(r => r.Id == runId);
    }

    public void Dispose()
    {
        _connection?.Dispose();
        if (_postgres is not null) TestPostgres.DropDatabase(_postgres);
    }

    private sealed class ContextFactory(DbContextOptions<PortalDb> options) : IDbContextFactory<PortalDb>
    {
        public PortalDb CreateDbContext() => new(options);
    }

    private sealed class PostgresFactory(DbContextOptions<PostgresPortalDb> options) : IDbContextFactory<PortalDb>
    {
        public PortalDb CreateDbContext() => new PostgresPortalDb(options);
    }
}
