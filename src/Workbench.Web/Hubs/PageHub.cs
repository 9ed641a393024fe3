using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Security;

namespace Workbench.Web.Hubs;

public interface IPageClient
{
    Task OperationApplied(AppliedOperation operation);

    Task PresenceChanged(int pageId, IReadOnlyList<PresenceEntry> present, long revision);

    Task CommentAdded(CommentView comment);
}

public sealed record JoinResult(bool Joined, string? Reason, WorkbenchState? State, IReadOnlyList<PresenceEntry> Present, long PresenceRevision = 0);

/// <summary>
/// Live editing of one page. Identity comes from the connection, never from an argument; membership is checked
/// on join and again on every call, so removing a member takes effect at once.
/// </summary>
[Authorize]
public sealed class PageHub(WorkbenchStateLoader loader, ProjectAccess access, PageEditService edits, IPresenceTracker presence) : Hub<IPageClient>
{
    public static string GroupFor(int pageId) => $"page:{pageId}";

    private string UserId => Context.UserIdentifier!;

    private string UserName => Context.User?.Identity?.Name ?? UserId;

    public async Task<JoinResult> Join(int pageId)
    {
        var (outcome, state) = await loader.LoadAsync(UserId, pageId, Context.ConnectionAborted);
        if (outcome != LoadOutcome.Loaded)
        {
            return new JoinResult(false, outcome == LoadOutcome.NotFound ? EditMessages.Format(ServerMessages.NoSuchPage, pageId) : ServerMessages.NotMember, null, []);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(pageId), Context.ConnectionAborted);
        var present = presence.Enter(pageId, Context.ConnectionId, UserId, UserName);
        await Clients.OthersInGroup(GroupFor(pageId)).PresenceChanged(pageId, present.Present, present.Revision);
        return new JoinResult(true, null, state, present.Present, present.Revision);
    }

    public Task<ApplyOutcome> Apply(int pageId, int seenVersion, JsonElement operation) => ApplyWithComment(pageId, seenVersion, operation, null);

    /// <summary>Applies an operation that carries a comment: a request for changes, or the reason an approved article is reopened.</summary>
    public async Task<ApplyOutcome> ApplyWithComment(int pageId, int seenVersion, JsonElement operation, string? comment)
    {
        var (projectId, role) = await access.RoleForPageAsync(UserId, pageId, Context.ConnectionAborted);
        if (projectId is null)
        {
            return ApplyOutcome.Reject(0, EditMessages.Format(ServerMessages.NoSuchPage, pageId));
        }

        if (role is null)
        {
            return ApplyOutcome.Forbid(0, ServerMessages.NotMember);
        }

        var parsed = PageOperationJson.TryDeserialize(operation.GetRawText());
        if (parsed is null)
        {
            return ApplyOutcome.Reject(seenVersion, ServerMessages.BadOperation);
        }

        var (outcome, _) = await edits.ApplyAsync(pageId, UserId, UserName, role.Value, seenVersion, parsed, comment, Context.ConnectionAborted);
        return outcome;
    }

    /// <summary>Tells the others which article this editor is working in (null: none).</summary>
    public async Task Focus(int pageId, int? articleKey)
    {
        var present = presence.Focus(pageId, Context.ConnectionId, articleKey);
        if (present is not null)
        {
            await Clients.OthersInGroup(GroupFor(pageId)).PresenceChanged(pageId, present.Present, present.Revision);
        }
    }

    public async Task Leave(int pageId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupFor(pageId));
        var present = presence.Leave(pageId, Context.ConnectionId);
        await Clients.Group(GroupFor(pageId)).PresenceChanged(pageId, present.Present, present.Revision);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var (pageId, present) in presence.LeaveAll(Context.ConnectionId))
        {
            await Clients.Group(GroupFor(pageId)).PresenceChanged(pageId, present.Present, present.Revision);
        }

        await base.OnDisconnectedAsync(exception);
    }
}
