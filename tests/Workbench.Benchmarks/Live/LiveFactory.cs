using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Workbench.Benchmarks.Live;

/// <summary>
/// The real app on Kestrel (loopback, free port) over a temp SQLite file with the demo seed, plus /hubs/echo. Several
/// instances for one benchmark share a PostgreSQL database and a Redis (<see cref="LiveFactory(BenchDatabase, string, string)"/>):
/// the echo hub then broadcasts through the same backplane as the app.
/// </summary>
public sealed class LiveFactory : WebApplicationFactory<Program>
{
    public const string Password = "Bench-pass-123!";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "workbench-live", Guid.NewGuid().ToString("N"));
    private readonly BenchDatabase? shared;
    private readonly string? redis;
    private readonly string? redisPrefix;

    public LiveFactory()
    {
    }

    /// <summary>One of several instances on <paramref name="database"/> and the Redis at <paramref name="redis"/> (keys and channels under <paramref name="redisPrefix"/>).</summary>
    internal LiveFactory(BenchDatabase database, string redis, string redisPrefix)
    {
        shared = database;
        this.redis = redis;
        this.redisPrefix = redisPrefix;
    }

    /// <summary>True behind the Redis backplane: the hub takes WebSockets only, without negotiation.</summary>
    public bool SkipNegotiation => redis is not null;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Sees every SQL command the app runs (off unless a benchmark turns it on).</summary>
    public SqlRecorder Sql { get; } = new();

    /// <summary>The SQLite file the app runs on (created at start-up).</summary>
    public string DatabasePath => Path.Combine(directory, "workbench.db");

    public void Start()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(directory);
        builder.UseContentRoot(Path.Combine(RepositoryRoot(), "src", "Workbench.Web"));
        builder.UseEnvironment("Production");
        foreach (var (key, value) in (shared ?? BenchDatabase.Sqlite(DatabasePath)).Settings)
        {
            builder.UseSetting(key, value);
        }

        if (redis is not null)
        {
            builder.UseSetting("ConnectionStrings:Redis", redis);
            builder.UseSetting("Workbench:RedisPrefix", redisPrefix);
        }

        builder.UseSetting("Workbench:Demo:Password", Password);
        builder.UseSetting("Workbench:ImagesDirectory", Path.Combine(directory, "images"));
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, EchoStartupFilter>();
            (shared ?? BenchDatabase.Sqlite(DatabasePath)).AddInterceptors(services, Sql, Sql.Transactions);
        });
    }

    internal static string RepositoryRoot()
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    /// <summary>Maps the echo hub on its own branch ahead of the app's pipeline (the app itself is not changed).</summary>
    private sealed class EchoStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/hubs/echo"), branch =>
            {
                // Own route table, not the app's global one.
                branch.Properties.Remove("__GlobalEndpointRouteBuilder");
                branch.UseRouting();
                branch.UseEndpoints(endpoints => endpoints.MapHub<EchoHub>("/hubs/echo"));
            });
            next(app);
        };
    }
}
