using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>The portal's data on PostgreSQL: the same model as <see cref="PortalDb"/>, with its own migrations (Migrations/Postgres).</summary>
public sealed class PostgresPortalDb(DbContextOptions<PostgresPortalDb> options) : PortalDb(options);
