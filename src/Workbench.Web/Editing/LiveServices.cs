using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Workbench.Web.Hubs;

namespace Workbench.Web.Editing;

/// <summary>Registers the live edit path: SignalR with the wire's JSON (the HTTP JSON options too), the page cache, the edit service.</summary>
public static class LiveServices
{
    /// <returns>SignalR's builder, for what else the app adds to it (a backplane).</returns>
    public static ISignalRServerBuilder AddWorkbenchLive(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR(options =>
            {
                options.AddFilter<Localization.CultureHubFilter>();
                options.AddFilter<RevocationFilter>();
                options.AddFilter<Security.HubRateLimitFilter>();
                options.MaximumReceiveMessageSize = PageHub.MaximumReceiveMessageSize;
            })
            .AddJsonProtocol(options => options.PayloadSerializerOptions = WireJson.Options);
        services.ConfigureHttpJsonOptions(options => WireJson.Configure(options.SerializerOptions));

        // SignalR's JSON protocol, counted (LiveMetrics): the same protocol object, wrapped.
        var json = services.Single(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol));
        services.Remove(json);
        services.AddSingleton<IHubProtocol>(sp => new CountingHubProtocol(ActivatorUtilities.CreateInstance<JsonHubProtocol>(sp)));

        services.AddSingleton(new PageStateCache(PageCacheOptions.From(configuration)));
        services.AddScoped(sp => new PageEditService(
            sp.GetRequiredService<Data.WorkbenchDbContext>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IHubContext<PageHub, IPageClient>>(), sp.GetRequiredService<PageStateCache>(),
            sp.GetRequiredService<IPageWriteLock>(), sp.GetRequiredService<Hubs.IPresenceTracker>()));
        return signalR;
    }
}
