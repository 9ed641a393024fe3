namespace Workbench.Web.Hubs;

public sealed record PresenceEntry(string UserId, string UserName, int? ArticleKey);

/// <summary>
/// Who is on a page, as of <paramref name="Revision"/>: it grows with every change on any page, so a client that gets
/// two snapshots out of order (a broadcast can overtake the answer to its own Join) keeps the newer one.
/// </summary>
public sealed record PresenceSnapshot(long Revision, IReadOnlyList<PresenceEntry> Present);

/// <summary>
/// Who is on which page, per connection. Each change returns the page's whole list with a revision that only grows.
/// In one process: <see cref="PresenceTracker"/>; several instances behind the Redis backplane: <see cref="RedisPresenceTracker"/>.
/// Asynchronous because the shared one is a network call: a hub method that blocked on it held a thread-pool thread, and 50
/// connections leaving at once starved the pool until Redis calls timed out (seen in the two-instance benchmark).
/// </summary>
public interface IPresenceTracker
{
    Task<PresenceSnapshot> EnterAsync(int pageId, string connectionId, string userId, string userName);

    Task<PresenceSnapshot?> FocusAsync(int pageId, string connectionId, int? articleKey);

    Task<PresenceSnapshot> LeaveAsync(int pageId, string connectionId);

    Task<IReadOnlyList<(int PageId, PresenceSnapshot Snapshot)>> LeaveAllAsync(string connectionId);

    Task<IReadOnlyList<PresenceEntry>> PresentAsync(int pageId);
}

/// <summary>Presence in memory: one app instance sees its own connections.</summary>
public sealed class PresenceTracker : IPresenceTracker
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, Dictionary<string, PresenceEntry>> pages = [];
    private long revision;

    public Task<PresenceSnapshot> EnterAsync(int pageId, string connectionId, string userId, string userName) => Task.FromResult(Enter(pageId, connectionId, userId, userName));

    public Task<PresenceSnapshot?> FocusAsync(int pageId, string connectionId, int? articleKey) => Task.FromResult(Focus(pageId, connectionId, articleKey));

    public Task<PresenceSnapshot> LeaveAsync(int pageId, string connectionId) => Task.FromResult(Leave(pageId, connectionId));

    public Task<IReadOnlyList<(int PageId, PresenceSnapshot Snapshot)>> LeaveAllAsync(string connectionId) => Task.FromResult<IReadOnlyList<(int PageId, PresenceSnapshot Snapshot)>>(LeaveAll(connectionId));

    public Task<IReadOnlyList<PresenceEntry>> PresentAsync(int pageId) => Task.FromResult<IReadOnlyList<PresenceEntry>>(Present(pageId));

    private PresenceSnapshot Enter(int pageId, string connectionId, string userId, string userName)
    {
        lock (gate)
        {
            if (!pages.TryGetValue(pageId, out var connections))
            {
                pages[pageId] = connections = [];
            }

            connections[connectionId] = new PresenceEntry(userId, userName, null);
            return Changed(connections);
        }
    }

    private PresenceSnapshot? Focus(int pageId, string connectionId, int? articleKey)
    {
        lock (gate)
        {
            if (!pages.TryGetValue(pageId, out var connections) || !connections.TryGetValue(connectionId, out var entry))
            {
                return null;
            }

            connections[connectionId] = entry with { ArticleKey = articleKey };
            return Changed(connections);
        }
    }

    private PresenceSnapshot Leave(int pageId, string connectionId)
    {
        lock (gate)
        {
            if (!pages.TryGetValue(pageId, out var connections))
            {
                return new PresenceSnapshot(revision, []);
            }

            connections.Remove(connectionId);
            if (connections.Count == 0)
            {
                pages.Remove(pageId);
            }

            return Changed(connections);
        }
    }

    private List<(int PageId, PresenceSnapshot Snapshot)> LeaveAll(string connectionId)
    {
        lock (gate)
        {
            var left = pages.Where(p => p.Value.ContainsKey(connectionId)).Select(p => p.Key).ToList();
            return left.Select(pageId => (pageId, Leave(pageId, connectionId))).ToList();
        }
    }

    private List<PresenceEntry> Present(int pageId)
    {
        lock (gate)
        {
            return pages.TryGetValue(pageId, out var connections) ? Snapshot(connections) : [];
        }
    }

    private PresenceSnapshot Changed(Dictionary<string, PresenceEntry> connections) => new(++revision, Snapshot(connections));

    // One entry per user: the same person in two tabs shows once, with the article of their latest focus.
    private static List<PresenceEntry> Snapshot(Dictionary<string, PresenceEntry> connections) =>
        connections.Values.GroupBy(e => e.UserId).Select(g => g.LastOrDefault(e => e.ArticleKey is not null) ?? g.First()).OrderBy(e => e.UserName, StringComparer.Ordinal).ToList();
}
