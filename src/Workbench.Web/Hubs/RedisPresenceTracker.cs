using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using Workbench.Web.ScaleOut;

namespace Workbench.Web.Hubs;

/// <summary>
/// Presence shared by every instance through Redis: a hash per page (connection → user, article, instance) and one
/// revision counter, changed and read back atomically by one Lua script, so each snapshot and its revision match. An
/// instance keeps a heartbeat key alive (<see cref="Heartbeat"/>); entries of an instance whose heartbeat has expired
/// (it crashed) are dropped the next time their page is read. Connections live on one instance, so which pages a
/// connection is on is kept in process, for <see cref="LeaveAll"/>.
/// </summary>
public sealed class RedisPresenceTracker(IConnectionMultiplexer redis, ScaleOutOptions options) : IPresenceTracker, IHostedService, IDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);

    private const string Script = """
        local op = ARGV[1]
        if op == 'set' then
          redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        elseif op == 'focus' then
          if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 0 then return false end
          redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
        elseif op == 'del' then
          redis.call('HDEL', KEYS[1], ARGV[2])
        end
        local all = redis.call('HGETALL', KEYS[1])
        local result = {}
        for i = 1, #all, 2 do
          local entry = cjson.decode(all[i + 1])
          if redis.call('EXISTS', ARGV[4] .. entry.i) == 1 then
            table.insert(result, all[i + 1])
          else
            redis.call('HDEL', KEYS[1], all[i])
          end
        end
        local revision
        if op == 'get' then revision = tonumber(redis.call('GET', KEYS[2]) or '0') else revision = redis.call('INCR', KEYS[2]) end
        table.insert(result, 1, tostring(revision))
        return result
        """;

    private readonly string prefix = options.RedisPrefix + ":presence:";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, byte>> pagesOf = new();
    private Timer? heartbeat;

    private sealed record Stored(
        [property: JsonPropertyName("u")] string UserId,
        [property: JsonPropertyName("n")] string UserName,
        [property: JsonPropertyName("a")] int? ArticleKey,
        [property: JsonPropertyName("i")] string Instance);

    private RedisKey RevisionKey => prefix + "revision";

    private RedisKey PageKey(int pageId) => prefix + "page:" + pageId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private RedisKey InstanceKey => prefix + "instance:" + options.InstanceId;

    public async Task<PresenceSnapshot> EnterAsync(int pageId, string connectionId, string userId, string userName)
    {
        pagesOf.GetOrAdd(connectionId, _ => new()).TryAdd(pageId, 0);
        return (await RunAsync("set", pageId, connectionId, new Stored(userId, userName, null, options.InstanceId)))!;
    }

    public async Task<PresenceSnapshot?> FocusAsync(int pageId, string connectionId, int? articleKey)
    {
        // The user's id and name are in the stored entry; read it back rather than keep a copy here.
        var field = await redis.GetDatabase().HashGetAsync(PageKey(pageId), connectionId);
        if (field.IsNullOrEmpty || JsonSerializer.Deserialize<Stored>(field.ToString()) is not { } entry)
        {
            return null;
        }

        return await RunAsync("focus", pageId, connectionId, entry with { ArticleKey = articleKey });
    }

    public async Task<PresenceSnapshot> LeaveAsync(int pageId, string connectionId)
    {
        if (pagesOf.TryGetValue(connectionId, out var pages))
        {
            pages.TryRemove(pageId, out _);
        }

        return (await RunAsync("del", pageId, connectionId, null))!;
    }

    public async Task<IReadOnlyList<(int PageId, PresenceSnapshot Snapshot)>> LeaveAllAsync(string connectionId)
    {
        if (!pagesOf.TryRemove(connectionId, out var pages))
        {
            return [];
        }

        var left = new List<(int PageId, PresenceSnapshot Snapshot)>();
        foreach (var pageId in pages.Keys)
        {
            left.Add((pageId, (await RunAsync("del", pageId, connectionId, null))!));
        }

        return left;
    }

    public async Task<IReadOnlyList<PresenceEntry>> PresentAsync(int pageId) => (await RunAsync("get", pageId, "", null))!.Present;

    private async Task<PresenceSnapshot?> RunAsync(string op, int pageId, string connectionId, Stored? value)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            Script,
            [PageKey(pageId), RevisionKey],
            [op, connectionId, value is null ? "" : JsonSerializer.Serialize(value), prefix + "instance:"]);
        if (result.IsNull)
        {
            return null;
        }

        var items = (RedisResult[])result!;
        var revision = long.Parse(items[0].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var entries = items.Skip(1).Select(i => JsonSerializer.Deserialize<Stored>(i.ToString())!).Select(s => new PresenceEntry(s.UserId, s.UserName, s.ArticleKey));

        // One entry per user, as in one process: the same person in two tabs (or on two instances) shows once.
        var present = entries.GroupBy(e => e.UserId).Select(g => g.FirstOrDefault(e => e.ArticleKey is not null) ?? g.First())
            .OrderBy(e => e.UserName, StringComparer.Ordinal).ToList();
        return new PresenceSnapshot(revision, present);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Beat();
        heartbeat = new Timer(_ => Beat(), null, Heartbeat / 3, Heartbeat / 3);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (heartbeat is not null)
        {
            await heartbeat.DisposeAsync();
        }

        // This instance's connections end with it: its entries vanish from every page at the next read.
        await redis.GetDatabase().KeyDeleteAsync(InstanceKey);
    }

    private void Beat()
    {
        try
        {
            // Fire and forget: a timer callback must not hold a thread-pool thread waiting for Redis (the pool has two on
            // two cores), and a lost beat is made good by the next one.
            redis.GetDatabase().StringSet(InstanceKey, "1", Heartbeat, flags: CommandFlags.FireAndForget);
        }
        catch (RedisException)
        {
            // Redis is away for a moment; the next beat sets it again (entries survive as long as the key does).
        }
    }

    public void Dispose() => heartbeat?.Dispose();
}
