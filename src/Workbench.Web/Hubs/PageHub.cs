using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Security;

namespace Workbench.Web.Hubs;

/// <summary>What the page hub sends to browsers (WIRE.md).</summary>
public interface IPageClient
{
    /// <summary>One group of operations committed together, in sequence order.</summary>
    Task OperationsApplied(AppliedOperations message);

    Task PresenceChanged(int pageId, IReadOnlyList<PresenceEntry> present, long revision);

    Task CommentAdded(CommentView comment);

    /// <summary>The page's articles were replaced outside the log (re-segmentation): take the whole state again (Join with -1).</summary>
    Task PageReset(int pageId, string reason);
    /// <summary>Articles of the project entered or left the review queue (or a queued one changed): an open queue page refreshes.</summary>
    Task QueueChanged(QueueChange change);
}

/// <summary>
/// What <see cref="IPageClient.QueueChanged"/> tells a reviewer's open queue page: which articles of which page went into the queue,
/// out of it, or changed while in it. Only keys: the page reads its rows again through the queue page (its own access check).
/// </summary>
public sealed record QueueChange(int ProjectId, int PageId, IReadOnlyList<int> ArticleKeys);

/// <summary>The answer to <see cref="PageHub.Join"/>: either the entries after the client's version, or the whole state (WIRE.md).</summary>
public sealed record JoinResult(
    bool Joined,
    string? Reason,
    int Version,
    IReadOnlyList<AppliedOperation>? Operations,
    EditorState? State,
    IReadOnlyList<PresenceEntry> Present,
    long PresenceRevision = 0)
{
    public static JoinResult Refused(string reason) => new(false, reason, 0, null, null, []);
}

/// <summary>
/// Live editing of one page. Identity comes from the connection, never from an argument; membership is checked
/// on join and again on every call, so removing a member takes effect at once.
/// </summary>
[Authorize]
public sealed class PageHub(EditorStateLoader loader, ProjectAccess access, PageEditService edits, IPresenceTracker presence, PageStateCache cache, WorkbenchDbContext db) : Hub<IPageClient>
{
    /// <summary>The largest hub message accepted (bytes): a "tag all" on a large page, or its undo, fits; operations over Core's caps are refused by name.</summary>
    public const long MaximumReceiveMessageSize = 1024 * 1024;

    public static string GroupFor(int pageId) => $"page:{pageId}";

    /// <summary>Independent annotation: the page's curators (reviewers, admins), who get every layer's operations.</summary>
    public static string CuratorsGroupFor(int pageId) => $"page:{pageId}:curators";

    /// <summary>Independent annotation: one annotator's connections on the page, who get what they may see of each operation.</summary>
    public static string AnnotatorGroupFor(int pageId, string userId) => $"page:{pageId}:annotator:{userId}";
    /// <summary>The group of the open review queue pages of a project (reviewers and admins only, see <see cref="WatchQueue"/>).</summary>
    public static string QueueGroupFor(int projectId) => $"queue:{projectId}";

    private string UserId => Context.UserIdentifier!;

    private string UserName => Context.User?.Identity?.Name ?? UserId;

    /// <summary>
    /// Joins the page's live group. <paramref name="knownVersion"/> is the version of the state the client already holds (the
    /// page embeds one); the answer brings it up to date from the server's recent broadcasts when it can, else it is the
    /// whole state. Pass -1 for the whole state.
    /// </summary>
    public async Task<JoinResult> Join(int pageId, int knownVersion)
    {
        var (projectId, role) = await access.RoleForPageAsync(UserId, pageId, Context.ConnectionAborted);
        if (projectId is null)
        {
            return JoinResult.Refused(EditMessages.Format(ServerMessages.NoSuchPage, pageId));
        }

        if (role is null)
        {
            return JoinResult.Refused(ServerMessages.NotMember);
        }

        // In the group before the state is read: a broadcast is either in the answer, or arrives (perhaps both).
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(pageId), Context.ConnectionAborted);
        var curator = LayerPolicy.IsCurator(role.Value);
        var layerGroup = curator ? CuratorsGroupFor(pageId) : AnnotatorGroupFor(pageId, UserId);
        await Groups.AddToGroupAsync(Context.ConnectionId, layerGroup, Context.ConnectionAborted);
        Context.Items[RevocationFilter.JoinedKey] = (new[] { GroupFor(pageId), layerGroup }, projectId.Value); // for the revocation registry (RevocationFilter)
        var present = await presence.EnterAsync(pageId, Context.ConnectionId, UserId, UserName);
        await Clients.OthersInGroup(GroupFor(pageId)).PresenceChanged(pageId, present.Present, present.Revision);

        // The recent broadcasts are the whole messages: an annotator of a page with layers gets the (filtered) state instead.
        var current = knownVersion >= 0 ? await cache.CurrentAsync(db, pageId, Context.ConnectionAborted) : null;
        if (current?.After(knownVersion) is { } entries && (curator || !Layers.HasLayers(current.State)))
        {
            return new JoinResult(true, null, current.State.Version, entries, null, present.Present, present.Revision);
        }

        var (outcome, state) = await loader.LoadAsync(UserId, pageId, Context.ConnectionAborted);
        return outcome == LoadOutcome.Loaded
            ? new JoinResult(true, null, state!.Page.Version, null, state, present.Present, present.Revision)
            : JoinResult.Refused(outcome == LoadOutcome.NotFound ? EditMessages.Format(ServerMessages.NoSuchPage, pageId) : ServerMessages.NotMember);
    }

    public Task<ApplyOutcome> Apply(int pageId, int seenVersion, PageOperation operation) => ApplyWithComment(pageId, seenVersion, operation, null);

    /// <summary>
    /// Applies an operation that carries a comment: a request for changes, or the reason an approved article is reopened.
    /// Membership and role are checked with the operation's group, when it is applied (one query for the group).
    /// </summary>
    public async Task<ApplyOutcome> ApplyWithComment(int pageId, int seenVersion, PageOperation operation, string? comment)
    {
        var (outcome, _) = await edits.ApplyAsync(pageId, UserId, UserName, role: null, seenVersion, operation, comment, cancellationToken: Context.ConnectionAborted);
        return outcome;
    }

    /// <summary>
    /// Applies the undo (or redo) of one of the user's earlier changes: the same checks as <see cref="Apply"/>; <paramref name="replay"/>
    /// only labels the log entry ("Undo: …" in the history and the audit).
    /// </summary>
    public async Task<ApplyOutcome> ApplyReplay(int pageId, int seenVersion, PageOperation operation, OperationReplay replay)
    {
        var (outcome, _) = await edits.ApplyAsync(pageId, UserId, UserName, role: null, seenVersion, operation, null, replay, Context.ConnectionAborted);
        return outcome;
    }

    /// <summary>
    /// Joins the project's review queue group: the open queue page hears <see cref="IPageClient.QueueChanged"/> when an article of the
    /// project is submitted, approved, sent back or withdrawn. The same rule as the queue page: reviewers and admins of the project.
    /// Removing the member or changing their role drops the connection from the group (<see cref="ConnectionRevocation"/>).
    /// </summary>
    public async Task<bool> WatchQueue(int projectId)
    {
        if (!ProjectAccess.Allows(await access.RoleAsync(UserId, projectId, Context.ConnectionAborted), ProjectRole.Reviewer))
        {
            return false;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, QueueGroupFor(projectId), Context.ConnectionAborted);
        Context.Items[RevocationFilter.JoinedKey] = (new[] { QueueGroupFor(projectId) }, projectId); // for the revocation registry (RevocationFilter)
        return true;
    }

    /// <summary>Tells the others which article this editor is working in (null: none).</summary>
    public async Task Focus(int pageId, int? articleKey)
    {
        var present = await presence.FocusAsync(pageId, Context.ConnectionId, articleKey);
        if (present is not null)
        {
            await Clients.OthersInGroup(GroupFor(pageId)).PresenceChanged(pageId, present.Present, present.Revision);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var (pageId, present) in await presence.LeaveAllAsync(Context.ConnectionId))
        {
            await Clients.Group(GroupFor(pageId)).PresenceChanged(pageId, present.Present, present.Revision);
        }

        await base.OnDisconnectedAsync(exception);
    }
}
