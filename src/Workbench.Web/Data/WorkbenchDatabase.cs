using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Workbench.Web.Data;

/// <summary>The database engines the app runs on (`Workbench:Database`).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// Which database the app uses and how: `Workbench:Database` (Sqlite, the default, or PostgreSQL) with
/// `ConnectionStrings:Workbench` in that provider's syntax. SQLite registers <see cref="WorkbenchDbContext"/> with the
/// migrations in Data/Migrations; PostgreSQL registers <see cref="PostgresWorkbenchDbContext"/> (same model) as the
/// <see cref="WorkbenchDbContext"/> service, with its migrations in Data/Migrations/PostgreSql.
/// </summary>
public sealed record WorkbenchDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsPostgres => Provider == DatabaseProvider.PostgreSQL;

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var configured = configuration["Workbench:Database"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return DatabaseProvider.Sqlite;
        }

        return configured.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRESQL" or "POSTGRES" or "NPGSQL" => DatabaseProvider.PostgreSQL,
            _ => throw new InvalidOperationException($"Workbench:Database is \"{configured}\"; use Sqlite or PostgreSQL."),
        };
    }

    /// <summary>The provider and its connection string; SQLite's relative Data Source is made absolute against the data directory.</summary>
    public static WorkbenchDatabase Resolve(IConfiguration configuration, string dataDirectory)
    {
        var provider = ReadProvider(configuration);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new(provider, DataPaths.ResolveConnectionString(configuration, dataDirectory));
        }

        var configured = configuration.GetConnectionString("Workbench");
        if (string.IsNullOrWhiteSpace(configured) || configured.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Workbench:Database is PostgreSQL: set ConnectionStrings:Workbench to a PostgreSQL connection string (Host=…;Database=…;Username=…).");
        }

        return new(provider, configured);
    }

    /// <summary>
    /// Registers the app's DbContext for this provider. The options are built once (a singleton): they depend on nothing
    /// per request, and building them for every context (every hub call, every request) was about 2% of the process's CPU
    /// under live load (the provider, the interceptor and the warnings configuration cloned again for each).
    /// </summary>
    public void AddDbContext(IServiceCollection services)
    {
        if (IsPostgres)
        {
            services.AddDbContext<WorkbenchDbContext, PostgresWorkbenchDbContext>(options => Configure(options), optionsLifetime: ServiceLifetime.Singleton);
        }
        else
        {
            services.AddDbContext<WorkbenchDbContext>(options => Configure(options), optionsLifetime: ServiceLifetime.Singleton);
        }
    }

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options)
    {
        if (IsPostgres)
        {
            options.UseNpgsql(ConnectionString);
        }
        else
        {
            options.UseSqlite(ConnectionString).AddInterceptors(new SqlitePragmas());
        }

        // Pages still being imported are filtered out (Page.Importing); no query reaches a page through its lines,
        // articles or entities, so the required ends of those relationships never meet the filter.
        return options.ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
    }

    /// <summary>
    /// Creates the database if it is missing (PostgreSQL: the database named in the connection string, through the
    /// server's maintenance database) and applies the migrations. SQLite creates its file by itself.
    /// </summary>
    public async Task MigrateAsync(WorkbenchDbContext db, CancellationToken cancellationToken = default)
    {
        if (!IsPostgres)
        {
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            return;
        }

        await EnsurePostgresDatabaseAsync(ConnectionString, cancellationToken);

        // Instances started together: EF's migration lock orders the migrations; this lock also orders what comes after
        // them (default labels, the demo seed), held on the migration connection until InitializeAsync closes it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7311, 0)", cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Releases the start-up lock taken by <see cref="MigrateAsync"/> (PostgreSQL).</summary>
    public async Task EndStartupAsync(WorkbenchDbContext db)
    {
        if (IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7311, 0)");
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Creates the database a PostgreSQL connection string names, when the server does not have it yet.</summary>
    public static async Task EnsurePostgresDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database;
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it first.
        }
    }
}
