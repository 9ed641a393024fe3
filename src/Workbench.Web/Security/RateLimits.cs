using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace Workbench.Web.Security;

/// <summary>One user's allowance: a bucket of <see cref="Burst"/> calls refilled at <see cref="PerSecond"/> a second.</summary>
public sealed record RateLimit(int Burst, int PerSecond)
{
    public TokenBucketRateLimiterOptions Options => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = PerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public string Refusal => SecurityMessages.RateLimited(Burst, Math.Max(1, (int)Math.Ceiling(Burst / (double)PerSecond)));
}

/// <summary>
/// Per-user rate limits: on the JSON API (the ASP.NET Core rate limiter, policy <see cref="ApiPolicy"/>, on every member group)
/// and on hub calls (<see cref="HubRateLimitFilter"/>). A refused API call gets 429 with problem details and Retry-After; a
/// refused hub call fails with a <see cref="HubException"/> carrying the same sentence, and the connection stays open.
/// Configured by <c>Workbench:RateLimits:Api</c> and <c>Workbench:RateLimits:Hub</c> (<c>Burst</c>, <c>PerSecond</c>).
/// </summary>
/// <remarks>
/// The defaults leave an editor working fast (held-down undo, tagging by keyboard, suggestions per card) far below the limit,
/// and cut a script that floods the hub (26,000 calls a second were re-broadcast to everyone) to a trickle.
/// </remarks>
public static class RateLimits
{
    public const string ApiPolicy = "per-user-api";
    public const string ConfigurationKey = "Workbench:RateLimits";

    public static RateLimit Api(IConfiguration configuration) => Read(configuration, "Api", new RateLimit(200, 40));

    public static RateLimit Hub(IConfiguration configuration) => Read(configuration, "Hub", new RateLimit(120, 30));

    /// <summary>Who a request counts against: the signed-in user, else the client address.</summary>
    public static string PartitionKey(HttpContext http) =>
        ProjectAccess.UserId(http.User) ?? "ip:" + http.Connection.RemoteIpAddress?.ToString();

    public static IServiceCollection AddWorkbenchRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var api = Api(configuration);
        services.AddSingleton(new HubRateLimiter(Hub(configuration)));
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(ApiPolicy, http => RateLimitPartition.GetTokenBucketLimiter(PartitionKey(http), _ => api.Options));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Results.Problem(api.Refusal, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
            };
        });
    }

    private static RateLimit Read(IConfiguration configuration, string name, RateLimit fallback)
    {
        var section = configuration.GetSection($"{ConfigurationKey}:{name}");
        return new RateLimit(Math.Max(1, section.GetValue("Burst", fallback.Burst)), Math.Max(1, section.GetValue("PerSecond", fallback.PerSecond)));
    }
}

/// <summary>The hub's per-user token buckets (one app-wide limiter, partitioned by user id).</summary>
public sealed class HubRateLimiter(RateLimit limit) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(
        user => RateLimitPartition.GetTokenBucketLimiter(user, _ => limit.Options));

    public RateLimit Limit => limit;

    public bool TryAcquire(string user)
    {
        using var lease = limiter.AttemptAcquire(user);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>Counts every hub method call against its user's bucket; an empty bucket refuses the call, not the connection.</summary>
public sealed class HubRateLimitFilter(HubRateLimiter limiter) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var user = invocationContext.Context.UserIdentifier ?? "connection:" + invocationContext.Context.ConnectionId;
        if (!limiter.TryAcquire(user))
        {
            throw new HubException(limiter.Limit.Refusal);
        }

        return await next(invocationContext);
    }
}
