using Npgsql;

namespace Workbench.Web.Tests.Support;

/// <summary>
/// The PostgreSQL and Redis servers tests may use, from the environment (`tests/run.sh` starts both and sets these):
/// <c>WORKBENCH_TEST_POSTGRES</c>, a connection string without a database (Host=…;Port=…;Username=…);
/// <c>WORKBENCH_TEST_REDIS</c>, host:port; <c>WORKBENCH_TEST_DATABASE=PostgreSQL</c> runs every <see cref="WorkbenchFactory"/>
/// on its own fresh PostgreSQL database. Without them the suite runs on SQLite and tests that need the servers skip.
/// </summary>
public static class TestServers
{
    public static string? Postgres => Environment.GetEnvironmentVariable("WORKBENCH_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static string? Redis => Environment.GetEnvironmentVariable("WORKBENCH_TEST_REDIS") is { Length: > 0 } value ? value : null;

    public static bool UsePostgresForSuite =>
        string.Equals(Environment.GetEnvironmentVariable("WORKBENCH_TEST_DATABASE"), "PostgreSQL", StringComparison.OrdinalIgnoreCase)
        && (Postgres ?? throw new InvalidOperationException("WORKBENCH_TEST_DATABASE=PostgreSQL needs WORKBENCH_TEST_POSTGRES (Host=…;Port=…;Username=…).")) is not null;

    public static string NewDatabaseName() => "wbtest_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The test server's connection string for <paramref name="database"/> (created by the app at start-up).</summary>
    public static string PostgresConnection(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database, MaxPoolSize = 20 }.ConnectionString;

    public static void DropDatabase(string database)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}

/// <summary>A fact that needs PostgreSQL and Redis: skipped, saying so, when the environment does not name them.</summary>
public sealed class ServersFactAttribute : FactAttribute
{
    public ServersFactAttribute()
    {
        if (TestServers.Postgres is null || TestServers.Redis is null)
        {
            Skip = "needs PostgreSQL and Redis: set WORKBENCH_TEST_POSTGRES and WORKBENCH_TEST_REDIS (bash tests/run.sh starts both and sets them)";
        }
    }
}
