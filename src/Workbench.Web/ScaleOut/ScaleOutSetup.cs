using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;

namespace Workbench.Web.ScaleOut;

/// <summary>
/// What running several instances needs, read from configuration. <see cref="Redis"/> (`ConnectionStrings:Redis`) turns
/// on the SignalR Redis backplane and presence in Redis, and makes the hub WebSockets-only (no negotiate round trip, so a
/// load balancer needs no sticky sessions).
/// </summary>
public sealed record ScaleOutOptions(string? Redis, string RedisPrefix = ScaleOutOptions.DefaultRedisPrefix)
{
    /// <summary>Channel and key prefix in Redis (`Workbench:RedisPrefix`), so several deployments can share one Redis server.</summary>
    public const string DefaultRedisPrefix = "workbench";

    public bool UsesRedis => Redis is not null;

    /// <summary>The hub takes WebSockets only (and the browser skips negotiation) when instances share a backplane.</summary>
    public bool WebSocketsOnly => UsesRedis;

    /// <summary>This process among the instances (presence entries carry it, so a dead instance's users can be dropped).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public static ScaleOutOptions Read(IConfiguration configuration) =>
        new(configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? redis : null,
            configuration["Workbench:RedisPrefix"] is { Length: > 0 } prefix ? prefix : DefaultRedisPrefix);
}

public static class ScaleOutSetup
{
    /// <summary>
    /// Registers the pieces that differ between one process and several: the page write lock (PostgreSQL: an advisory
    /// lock per page), presence (in process or in Redis), the SignalR backplane, and where Data Protection keeps its keys.
    /// Without `Workbench:Database=PostgreSQL` and `ConnectionStrings:Redis` everything stays as in one process.
    /// </summary>
    public static void AddScaleOut(this IServiceCollection services, IConfiguration configuration, WorkbenchDatabase database, ISignalRServerBuilder signalR)
    {
        var options = ScaleOutOptions.Read(configuration);
        services.AddSingleton(options);
        services.Configure<HubOptions>(hub => hub.AddFilter<DatabaseBusy.HubFilter>());
        services.AddSingleton<IPageWriteLock>(database.IsPostgres ? new PostgresPageWriteLock() : new InProcessPageWriteLock());

        if (database.IsPostgres)
        {
            // Cookies and antiforgery tokens from one instance must open on the others: one key ring, in the database,
            // under one application name (the default name is the content root, which differs between machines).
            services.AddDataProtection().SetApplicationName("Workbench").PersistKeysToDbContext<WorkbenchDbContext>();
        }

        if (options.Redis is { } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal(options.RedisPrefix));
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
            services.AddSingleton<IPresenceTracker, RedisPresenceTracker>();
            services.AddHostedService(sp => (RedisPresenceTracker)sp.GetRequiredService<IPresenceTracker>());
        }
        else
        {
            services.AddSingleton<IPresenceTracker, PresenceTracker>();
        }
    }

    /// <summary>The hub's transports: everything SignalR offers in one process; WebSockets only behind a backplane.</summary>
    public static void ConfigureHub(HttpConnectionDispatcherOptions hub, ScaleOutOptions options)
    {
        if (options.WebSocketsOnly)
        {
            hub.Transports = HttpTransportType.WebSockets;
        }
    }
}
