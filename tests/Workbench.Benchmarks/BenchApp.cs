using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workbench.Web.Data;

namespace Workbench.Benchmarks;

/// <summary>What the probes share: the repository root, and the real app over a fresh SQLite file or PostgreSQL database.</summary>
internal static class BenchApp
{
    public const string Password = "Bench-pass-123!";

    /// <summary>The folder holding Workbench.sln, found by walking up from the benchmark binaries.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The real app (Production settings, demo seed with <see cref="Password"/>) over the database at <paramref name="databasePath"/>.</summary>
    public static WebApplicationFactory<Program> Start(string databasePath) => Start(BenchDatabase.Sqlite(databasePath), null);

    /// <summary>The real app over <paramref name="database"/>; <paramref name="transactions"/> times every transaction it commits.</summary>
    public static WebApplicationFactory<Program> Start(BenchDatabase database, TransactionTimer? transactions, string? imagesDirectory = null)
    {
        // The factory finds the web project's content root through this variable when run from a benchmark build.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKBENCH_WEB", Path.Combine(RepoRoot, "src", "Workbench.Web"));
        return new Factory(database, transactions, imagesDirectory ?? Path.Combine(Path.GetTempPath(), "workbench-bench-images", Guid.NewGuid().ToString("N")));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workbench.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class Factory(BenchDatabase database, TransactionTimer? transactions, string imagesDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in database.Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Workbench:Demo:Password", Password);
            builder.UseSetting("Workbench:ImagesDirectory", imagesDirectory);
            if (transactions is not null)
            {
                builder.ConfigureServices(services => database.AddInterceptors(services, transactions));
            }
        }
    }
}

/// <summary>
/// The database a benchmark runs on: `--database sqlite` (the default: a fresh file) or `--database postgres` (a fresh
/// database on the server `--postgres "Host=…;Port=…;Username=…"` names, default $WORKBENCH_BENCH_POSTGRES or
/// localhost:5432; dropped at the end).
/// </summary>
internal sealed record BenchDatabase(bool IsPostgres, string ConnectionString) : IDisposable
{
    public string Name => IsPostgres ? "PostgreSQL" : "SQLite";

    public static BenchDatabase Sqlite(string path) => new(false, $"Data Source={path}");

    public static BenchDatabase FromArgs(string? database, string? server, string sqlitePath)
    {
        if (database is null or "sqlite")
        {
            return Sqlite(sqlitePath);
        }

        if (database is not ("postgres" or "postgresql"))
        {
            throw new ArgumentException($"--database {database}: use sqlite or postgres");
        }

        server ??= Environment.GetEnvironmentVariable("WORKBENCH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres";
        return new(true, new NpgsqlConnectionStringBuilder(server) { Database = "wbbench_" + Guid.NewGuid().ToString("N")[..16], MaxPoolSize = 100 }.ConnectionString);
    }

    public Dictionary<string, string> Settings => new()
    {
        ["Workbench:Database"] = IsPostgres ? "PostgreSQL" : "Sqlite",
        ["ConnectionStrings:Workbench"] = ConnectionString,
    };

    public void AddInterceptors(IServiceCollection services, params IInterceptor[] interceptors)
    {
        if (IsPostgres)
        {
            services.ConfigureDbContext<PostgresWorkbenchDbContext>(o => o.AddInterceptors(interceptors));
        }
        else
        {
            services.ConfigureDbContext<WorkbenchDbContext>(o => o.AddInterceptors(interceptors));
        }
    }

    public void Dispose()
    {
        if (!IsPostgres)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var name = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}

/// <summary>How long each committed transaction was open (begin → commit), while <see cref="Recording"/> is on.</summary>
public sealed class TransactionTimer : DbTransactionInterceptor
{
    private readonly ConcurrentDictionary<DbTransaction, long> open = new();
    private readonly ConcurrentQueue<double> durations = new();

    public bool Recording { get; set; }

    public IReadOnlyList<double> Durations => [.. durations];

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        // From the BEGIN (SQLite: BEGIN IMMEDIATE takes the write lock there) to the end of the COMMIT.
        open[result] = Stopwatch.GetTimestamp() - eventData.Duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        return ValueTask.FromResult(result);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (open.TryRemove(transaction, out var start) && Recording)
        {
            durations.Enqueue(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return Task.CompletedTask;
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        open.TryRemove(transaction, out _);
        return Task.CompletedTask;
    }
}
