using Npgsql;

namespace Portal.Tests;

/// <summary>
/// When tests/run.sh has started a throwaway PostgreSQL (PORTAL_TEST_POSTGRES), every portal and test database
/// of the suite gets a fresh database of its own there instead of SQLite: the same tests, the other provider.
/// </summary>
public static class TestPostgres
{
    public static string? Server => Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool Enabled => Server is not null;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = "portal_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }
}
