using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Workbench.Web.Hubs;

/// <summary>
/// Ends a user's live access the moment it is taken away (member removed, role changed, log-out, password changed): the
/// user's hub connections leave the affected pages' groups at once, are told why (<c>AccessRevoked</c>, the browser stops
/// and says so), and are closed. Every hub call checks membership again anyway; this stops what the server pushes.
/// </summary>
/// <remarks>
/// Works through SignalR's own APIs: group removal by connection id through <see cref="IHubContext{THub}"/> and the message
/// to <c>Clients.User</c> both reach connections held by another instance behind a backplane. The registry of which
/// connection belongs to whom and has joined which page is this instance's own (a dictionary); with several instances it
/// moves to the backplane's store (Redis) with the same three calls: <see cref="Connected"/>, <see cref="Joined"/>,
/// <see cref="Disconnected"/>. Closing a connection (<see cref="HubCallerContext.Abort"/>) can only be done where it lives.
/// </remarks>
public sealed partial class ConnectionRevocation(IHubContext<PageHub> hub, ILogger<ConnectionRevocation> log)
{
    public const string RevokedMethod = "AccessRevoked";

    private sealed record Live(string UserId, HubCallerContext Context, ConcurrentDictionary<int, int> Pages);

    private readonly ConcurrentDictionary<string, Live> connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> generations = new(StringComparer.Ordinal);

    public void Connected(HubCallerContext context)
    {
        if (context.UserIdentifier is { } userId)
        {
            connections[context.ConnectionId] = new Live(userId, context, new ConcurrentDictionary<int, int>());
        }
    }

    /// <summary>Records that a connection joined a page (its group <see cref="PageHub.GroupFor"/>) of a project.</summary>
    public void Joined(string connectionId, int pageId, int projectId)
    {
        if (connections.TryGetValue(connectionId, out var live))
        {
            live.Pages[pageId] = projectId;
        }
    }

    public void Disconnected(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>Moves on with every revocation of the user; a join that began before one is checked again (see <see cref="RevocationFilter"/>).</summary>
    public long Generation(string userId) => generations.GetValueOrDefault(userId);

    /// <summary>
    /// The user's connections that joined a page of the project (any connection when <paramref name="projectId"/> is null)
    /// leave those pages' groups, are told why and are closed.
    /// </summary>
    public async Task RevokeAsync(string userId, int? projectId, string reason, CancellationToken cancellationToken = default)
    {
        generations.AddOrUpdate(userId, 1, (_, n) => n + 1);
        var affected = connections.Values.Where(c => c.UserId == userId && (projectId is null || c.Pages.Values.Contains(projectId.Value))).ToList();
        foreach (var live in affected)
        {
            foreach (var (pageId, project) in live.Pages)
            {
                if (projectId is null || project == projectId)
                {
                    foreach (var group in PageHub.GroupsOf(pageId, userId))
                    {
                        await hub.Groups.RemoveFromGroupAsync(live.Context.ConnectionId, group, cancellationToken);
                    }

                    live.Pages.TryRemove(pageId, out _);
                }
            }
        }

        if (affected.Count > 0)
        {
            await hub.Clients.Clients(affected.Select(c => c.Context.ConnectionId).ToList()).SendAsync(RevokedMethod, reason, cancellationToken);
        }

        foreach (var live in affected)
        {
            live.Context.Abort();
        }

        LogRevoked(log, userId, projectId, affected.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live access of user {UserId} revoked (project {Project}, none: all); {Count} connection(s) closed.")]
    private static partial void LogRevoked(ILogger log, string userId, int? project, int count);
}

/// <summary>
/// Keeps <see cref="ConnectionRevocation"/>'s registry without touching the hub's methods: connections in and out, and every
/// successful <c>Join</c>. A join that was under way while the user's access was revoked is undone (membership checked again).
/// </summary>
public sealed class RevocationFilter(ConnectionRevocation revocation) : IHubFilter
{
    /// <summary>Where <see cref="PageHub.Join"/> leaves the (page id, project id) it joined, for this filter.</summary>
    public const string JoinedKey = "workbench:joined";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        revocation.Connected(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        revocation.Disconnected(context.Context.ConnectionId);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var invocation = invocationContext;
        var userId = invocation.Context.UserIdentifier ?? "";
        var generation = revocation.Generation(userId);
        var result = await next(invocation);
        if (result is JoinResult { Joined: true } && invocation.Context.Items.TryGetValue(JoinedKey, out var joined) && joined is (int pageId, int projectId))
        {
            invocation.Context.Items.Remove(JoinedKey);
            revocation.Joined(invocation.Context.ConnectionId, pageId, projectId);
            if (revocation.Generation(userId) != generation)
            {
                var access = invocation.ServiceProvider.GetRequiredService<Security.ProjectAccess>();
                if (await access.RoleAsync(userId, projectId) is null)
                {
                    foreach (var group in PageHub.GroupsOf(pageId, userId))
                    {
                        await invocation.Hub.Groups.RemoveFromGroupAsync(invocation.Context.ConnectionId, group);
                    }

                    invocation.Context.Abort();
                    return JoinResult.Refused(Editing.ServerMessages.NotMember);
                }
            }
        }

        return result;
    }
}
