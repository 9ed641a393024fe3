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
/// </summary>
public interface IPresenceTracker
{
    PresenceSnapshot Enter(int pageId, string connectionId, string userId, string userName);

    PresenceSnapshot? Focus(int pageId, string connectionId, int? articleKey);

    PresenceSnapshot Leave(int pageId, string connectionId);

    IReadOnlyList<(int PageId, PresenceSnapshot Snapshot)> LeaveAll(string connectionId);

    IReadOnlyList<PresenceEntry> Present(int pageId);
}

/// <summary>Presence in memory: one app instance sees its own connections.</summary>
public sealed class PresenceTracker : IPresenceTracker
{
    private readonly Lock gate = new();
    private readonly Dictionary<int, Dictionary<string, PresenceEntry>> pages = [];
    private long revision;

    public PresenceSnapshot Enter(int pageId, string connectionId, string userId, string userName)
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

    public PresenceSnapshot? Focus(int pageId, string connectionId, int? articleKey)
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

    public PresenceSnapshot Leave(int pageId, string connectionId)
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

    public IReadOnlyList<(int PageId, PresenceSnapshot Snapshot)> LeaveAll(string connectionId)
    {
        lock (gate)
        {
            var left = pages.Where(p => p.Value.ContainsKey(connectionId)).Select(p => p.Key).ToList();
            return left.Select(pageId => (pageId, Leave(pageId, connectionId))).ToList();
        }
    }

    public IReadOnlyList<PresenceEntry> Present(int pageId)
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
