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

    /// <summary>A connection: whose, and the groups it joined (a page's, a project's review queue) with each group's project id.</summary>
    private sealed record Live(string UserId, HubCallerContext Context, ConcurrentDictionary<string, int> Groups);

    private readonly ConcurrentDictionary<string, Live> connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> generations = new(StringComparer.Ordinal);

    public void Connected(HubCallerContext context)
    {
        if (context.UserIdentifier is { } userId)
        {
            connections[context.ConnectionId] = new Live(userId, context, new ConcurrentDictionary<string, int>(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// Records that a connection joined a group of a project: a page's (<see cref="PageHub.GroupFor"/>) and its layer group
    /// (curators' or the annotator's own), or a review queue's (<see cref="PageHub.QueueGroupFor"/>).
    /// </summary>
    public void Joined(string connectionId, string group, int projectId)
    {
        if (connections.TryGetValue(connectionId, out var live))
        {
            live.Groups[group] = projectId;
        }
    }

    public void Disconnected(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>Moves on with every revocation of the user; a join that began before one is checked again (see <see cref="RevocationFilter"/>).</summary>
    public long Generation(string userId) => generations.GetValueOrDefault(userId);

    /// <summary>
    /// The user's connections that joined a page or the review queue of the project (any connection when <paramref name="projectId"/>
    /// is null) leave those groups, are told why and are closed.
    /// </summary>
    public async Task RevokeAsync(string userId, int? projectId, string reason, CancellationToken cancellationToken = default)
    {
        generations.AddOrUpdate(userId, 1, (_, n) => n + 1);
        var affected = connections.Values.Where(c => c.UserId == userId && (projectId is null || c.Groups.Values.Contains(projectId.Value))).ToList();
        foreach (var live in affected)
        {
            foreach (var (group, project) in live.Groups)
            {
                if (projectId is null || project == projectId)
                {
                    await hub.Groups.RemoveFromGroupAsync(live.Context.ConnectionId, group, cancellationToken);
                    live.Groups.TryRemove(group, out _);
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
    /// <summary>Where <see cref="PageHub.Join"/> and <see cref="PageHub.WatchQueue"/> leave the (groups, project id) they joined, for this filter.</summary>
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
        if (result is JoinResult { Joined: true } or true && invocation.Context.Items.TryGetValue(JoinedKey, out var joined) && joined is (IReadOnlyList<string> groups, int projectId))
        {
            invocation.Context.Items.Remove(JoinedKey);
            foreach (var group in groups)
            {
                revocation.Joined(invocation.Context.ConnectionId, group, projectId);
            }

            if (revocation.Generation(userId) != generation)
            {
                // Revoked while joining: a page needs membership, the queue a reviewer's role (a role change also revokes).
                var access = invocation.ServiceProvider.GetRequiredService<Security.ProjectAccess>();
                var role = await access.RoleAsync(userId, projectId);
                var queue = result is true;
                if (role is null || (queue && !Security.ProjectAccess.Allows(role, Data.ProjectRole.Reviewer)))
                {
                    foreach (var group in groups)
                    {
                        await invocation.Hub.Groups.RemoveFromGroupAsync(invocation.Context.ConnectionId, group);
                    }

                    invocation.Context.Abort();
                    return queue ? false : JoinResult.Refused(Editing.ServerMessages.NotMember);
                }
            }
        }

        return result;
    }
}
