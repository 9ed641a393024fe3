using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Hubs;

namespace Workbench.Web.Editing;

/// <summary>What the sender of an operation hears back (WIRE.md, "Ack"): sent only after the operation is committed.</summary>
/// <param name="Version">Accepted: the operation's sequence number. Refused: the version the refusal was checked against.</param>
/// <param name="Inverse">The operation that undoes an accepted one.</param>
/// <param name="Forbidden">True when the refusal is about the user's role or membership, not the page's state.</param>
/// <param name="Code">A refused operation's <see cref="RefusalCodes"/> code; null when accepted.</param>
public sealed record ApplyOutcome(bool Accepted, int Version, string? Reason = null, string? CurrentValue = null, IReadOnlyList<string>? Notes = null, PageOperation? Inverse = null, bool Forbidden = false, string? Code = null)
{
    /// <summary>Refused for want of a comment: the same operation with one (a reason, a request) would be considered.</summary>
    public bool NeedsComment { get; init; }

    /// <summary>A refusal; its code is <see cref="RefusalCodes.Stale"/> when a current value came with it, else <paramref name="code"/> or "refused".</summary>
    public static ApplyOutcome Reject(int version, string reason, string? currentValue = null, string? code = null) =>
        new(false, version, reason, currentValue, Code: code ?? (currentValue is null ? RefusalCodes.Refused : RefusalCodes.Stale));

    public static ApplyOutcome Forbid(int version, string reason) => new(false, version, reason, Forbidden: true, Code: RefusalCodes.Forbidden);
}

/// <summary>
/// The one path for every change. Operations for a page queue up (<see cref="PageStateCache"/>); whoever holds the page's
/// turn takes everything queued (a group), applies each operation in arrival order against the cached state with the
/// role rules and Core (each against the state the ones before it left, so a refused one spoils nothing), writes the
/// group in ONE transaction guarded by the page version (UPDATE Pages ... WHERE Version = @seen AND Resegmented = @r, so two
/// processes can never write the same sequence number, nor write over articles re-segmentation replaced) and broadcasts ONE message. Each caller's answer is sent after the commit.
/// </summary>
/// <param name="cache">The app's shared page queues and state cache (a singleton); a private one when not given (another app instance).</param>
/// <param name="writeLock">Serialises a page's writes across app instances (PostgreSQL advisory lock); none in one process.</param>
/// <param name="presence">Who is on a page: in independent annotation each annotator there gets the broadcast filtered for them.</param>
public sealed partial class PageEditService(WorkbenchDbContext db, TimeProvider clock, IHubContext<PageHub, IPageClient> hub, PageStateCache? cache = null, IPageWriteLock? writeLock = null, IPresenceTracker? presence = null)
{
    private const int MaxAttempts = 8;

    /// <summary>Operations per group: enough that a page's queue drains in one transaction under load.</summary>
    private const int MaxGroup = 256;

    private readonly PageStateCache cache = cache ?? new PageStateCache();

    /// <summary>Applies <paramref name="operation"/> for the user, in the page's queue; returns the user's answer and, when accepted, its broadcast entry.</summary>
    /// <param name="comment">A comment that goes with the operation (a request for changes, a reason to reopen); stored in the same transaction.</param>
    /// <param name="role">
    /// The user's role in the page's project when the caller has checked it; null to have the group check membership (one
    /// query for everyone in the group, at the time the operation is applied): a non-member is refused.
    /// </param>
    /// <param name="cancellationToken">Not observed once the operation is queued: a queued operation is applied (or refused) whether or not its sender still listens.</param>
    /// <param name="replay">
    /// The sender says this is the undo or redo of an earlier change of theirs: stored on the log entry as a label for the history
    /// and the audit, and used for nothing else (the operation goes through the same checks as any other).
    /// </param>
    public async Task<(ApplyOutcome Outcome, AppliedOperation? Applied)> ApplyAsync(int pageId, string userId, string userName, ProjectRole? role, int seenVersion, PageOperation operation, string? comment = null, OperationReplay? replay = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (operation is null)
        {
            return (ApplyOutcome.Reject(seenVersion, ServerMessages.BadOperation, code: RefusalCodes.Invalid), null);
        }

        var job = new EditJob(userId, userName, role, seenVersion, operation, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim())
        {
            Replay = replay is OperationReplay.Undo or OperationReplay.Redo ? replay : null, // an undefined value from the wire is no label
        };
        if (await cache.EnterAsync(pageId, job))
        {
            await RunTurnAsync(pageId);
        }

        if (job.Error is { } error)
        {
            ExceptionDispatchInfo.Throw(error);
        }

        return (job.Outcome!, job.Applied);
    }

    /// <summary>
    /// This caller holds the page's turn: one group, then the turn passes on. On SQLite (one writer for the whole file) the
    /// turn first waits for the process's write gate and only then takes the group, so what queues meanwhile joins it; the
    /// broadcast goes out after the gate is released.
    /// </summary>
    private async Task RunTurnAsync(int pageId)
    {
        var none = CancellationToken.None; // one sender going away must not cancel the others' operations
        var group = new List<EditJob>();
        Broadcast? broadcast = null;
        IReadOnlyList<(Comment Comment, string UserName)> comments = [];
        QueueChange? queue = null;
        try
        {
            var gate = db.Database.IsSqlite() ? cache.SqliteWrites : null;
            if (gate is not null)
            {
                await gate.WaitAsync(none);
            }

            try
            {
                group = [.. cache.TakeGroup(pageId, MaxGroup).Cast<EditJob>()];

                // One connection for the whole group (reads, checks, the transaction), not one per query.
                await db.Database.OpenConnectionAsync(none);
                try
                {
                    (broadcast, comments, queue) = await ProcessAsync(pageId, group, none);
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }
            finally
            {
                gate?.Release();
            }

            // The broadcast goes out before the answers (each connection hears its group's message first); the answers are
            // sent when this turn completes the jobs.
            if (broadcast is not null)
            {
                await SendAsync(pageId, broadcast);
                foreach (var (comment, userName) in comments)
                {
                    await hub.Clients.Group(PageHub.GroupFor(pageId)).CommentAdded(CommentView.From(comment, userName));
                }

                if (queue is not null)
                {
                    await hub.Clients.Group(PageHub.QueueGroupFor(queue.ProjectId)).QueueChanged(queue);
                }
            }
        }
        catch (Exception e)
        {
            cache.Forget(pageId);
            foreach (var job in group.Where(j => j.Outcome is null))
            {
                job.Error = e;
            }
        }
        finally
        {
            foreach (var job in group)
            {
                job.Turn.TrySetResult(false);
            }

            cache.Release(pageId);
        }
    }

    /// <summary>Applies and writes a group; returns its broadcast (null when nothing was applied) and the comments to announce.</summary>
    private async Task<(Broadcast? Broadcast, IReadOnlyList<(Comment Comment, string UserName)> Comments, QueueChange? Queue)> ProcessAsync(int pageId, List<EditJob> group, CancellationToken none)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();

            // Several instances: the page's lock first, then the cached state's check. Checked before the lock, the state
            // was often one version behind by the time the group was written (the other instance wrote meanwhile), so
            // the version guard refused the write and the group was applied again on a reloaded page, up to eight times.
            await using var held = writeLock is { SpansInstances: true } ? await db.Database.BeginTransactionAsync(none) : null;
            if (held is not null)
            {
                await writeLock!.AcquireAsync(db, pageId, none);
            }

            var loaded = await cache.CurrentAsync(db, pageId, none);
            if (loaded is null)
            {
                group.ForEach(j => j.Outcome = ApplyOutcome.Reject(0, EditMessages.Format(ServerMessages.NoSuchPage, pageId)));
                return (null, [], null);
            }

            var start = loaded.State;
            var facts = await GroupFacts.LoadAsync(db, pageId, loaded.ProjectId, group, none);
            var state = start;
            var accepted = new List<Accepted>();
            foreach (var job in group)
            {
                job.Outcome = null;
                using var culture = new CultureScope(job);
                if ((job.Role ?? facts.RoleOf(job.UserId)) is not { } role)
                {
                    job.Outcome = ApplyOutcome.Forbid(0, ServerMessages.NotMember);
                    continue;
                }

                // Independent annotation: the server, not the client, says which layer a tag or a submission is in.
                var curator = LayerPolicy.IsCurator(role);
                job.Operation = Layers.Stamp(job.Sent, job.UserId, facts.Mode.Independent, curator);
                var refusal = OperationPolicy.Check(role, job.Operation, state, job.SeenVersion, facts.ReviewFor(job));
                if (refusal is not null)
                {
                    job.Outcome = (refusal.Forbidden ? ApplyOutcome.Forbid(state.Version, refusal.Reason) : ApplyOutcome.Reject(state.Version, refusal.Reason, code: refusal.Code)) with { NeedsComment = refusal.NeedsComment };
                    continue;
                }

                if (LayerPolicy.Check(facts.Mode, role, job.UserId, job.Operation, state) is { } layerRefusal)
                {
                    job.Outcome = ApplyOutcome.Reject(state.Version, layerRefusal);
                    continue;
                }

                if (job.Alone && await Continuation.ContinuationEdits.CheckAsync(db, pageId, loaded.ProjectId, job.Operation, none) is { } linkRefusal)
                {
                    job.Outcome = ApplyOutcome.Reject(state.Version, linkRefusal);
                    continue;
                }

                switch (PageEditor.Apply(state, job.Operation))
                {
                    case OperationResult.Rejected rejected:
                        job.Outcome = ApplyOutcome.Reject(state.Version, rejected.Reason, rejected.CurrentValue, rejected.Invalid ? RefusalCodes.Invalid : null);
                        break;
                    case OperationResult.Applied applied when facts.Mode.Independent && !curator && Layers.TouchesOtherLayer(state, applied.NewState, applied.Changes, job.UserId):
                        job.Outcome = ApplyOutcome.Reject(state.Version, EditMessages.OtherLayerTouched);
                        break;
                    case OperationResult.Applied applied:
                        accepted.Add(new Accepted(job, state, applied, clock.GetUtcNow()));
                        facts.Remember(job.UserId, state, applied.Changes);
                        state = applied.NewState;
                        break;
                }
            }

            if (accepted.Count == 0)
            {
                return (null, [], null);
            }

            if (await TryWriteAsync(pageId, loaded.ProjectId, loaded.Resegmented, start, state, accepted, held))
            {
                var entries = accepted.Select(a => new AppliedOperation(a.Applied.NewState.Version, a.Job.UserId, PageOperationJson.KindOf(a.Job.Operation), PagePatch.Of(a.Before, a.Applied.NewState, a.Applied.Changes))).ToList();
                cache.Set(pageId, loaded with { State = state, Recent = Recent(loaded, entries) });
                for (var i = 0; i < accepted.Count; i++)
                {
                    var (job, _, applied, _) = accepted[i];
                    job.Outcome = new ApplyOutcome(true, applied.NewState.Version, Notes: applied.Notes, Inverse: applied.Inverse);
                    job.Applied = entries[i];
                }

                LiveMetrics.Operations.Add(accepted.Count);
                LiveMetrics.Groups.Add(1);
                var steps = facts.Mode.Independent
                    ? accepted.Select((a, i) => new BroadcastStep(entries[i], a.Before, a.Applied.NewState, a.Layer, a.ArticleKey)).ToList()
                    : [];
                var message = new Broadcast(new AppliedOperations(pageId, entries), facts.Mode, steps);
                return (message, [.. accepted.Where(a => a.Comment is not null).Select(a => (a.Comment!, a.Job.UserName))], QueueChangeOf(loaded.ProjectId, pageId, start, state, accepted));
            }

            cache.Forget(pageId); // someone else moved the version on (or re-segmented the page): read the page again, apply the group again
            if (attempt == MaxAttempts)
            {
                group.ForEach(j => j.Outcome = ApplyOutcome.Reject(state.Version, ServerMessages.Busy, code: RefusalCodes.Busy));
                return (null, [], null);
            }
        }
    }

    /// <summary>The cached page's recent broadcast entries with this group's appended, at most <see cref="PageStateCache.RecentEntries"/>.</summary>
    private static ImmutableList<AppliedOperation> Recent(PageStateCache.CachedPage before, List<AppliedOperation> entries)
    {
        var recent = before.Recent.AddRange(entries);
        return recent.Count > PageStateCache.RecentEntries ? recent.RemoveRange(0, recent.Count - PageStateCache.RecentEntries) : recent;
    }

    /// <summary>
    /// Writes a group: the version guard first (the one place that decides whether this process may write these sequence
    /// numbers), then the rows the operations changed, the log entries and comments; all or nothing.
    /// </summary>
    /// <param name="resegmented">The <see cref="Page.Resegmented"/> count <paramref name="before"/> was read with: part of the guard, since re-segmentation does not move the version.</param>
    /// <param name="held">The transaction the page's lock was taken in before the state was read (several instances); null to begin one here.</param>
    private async Task<bool> TryWriteAsync(int pageId, int projectId, int resegmented, PageState before, PageState after, List<Accepted> accepted, IDbContextTransaction? held)
    {
        var none = CancellationToken.None;
        db.ChangeTracker.Clear();
        await using var owned = held is null ? await db.Database.BeginTransactionAsync(none) : null;
        var transaction = held ?? owned!;
        if (held is null && writeLock is not null)
        {
            await writeLock.AcquireAsync(db, pageId, none);
        }

        // The guard: the first write takes the database's write lock (scale-out: a per-page advisory lock belongs right
        // before it), and matches only if nobody moved the version on (or replaced the articles) since the cached state was read.
        var claimed = await EditQueries.ClaimAsync(db, pageId, before.Version, resegmented, after.Version, after.NextArticleKey, after.NextEntityKey, none);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(none);
            return false;
        }

        var changes = accepted.Select(a => a.Applied.Changes).Aggregate((a, b) => a.Then(b));
        PageRows.WriteLines(db, pageId, before, after, changes);
        await PageRows.WriteArticlesAsync(db, pageId, before, after, changes, accepted.Select(a => new PageRows.Step(a.Before, a.Applied.NewState, a.Applied.Changes, a.Job.UserId, a.At)).ToList(), none);
        await PageRows.WriteEntitiesAsync(db, pageId, before, after, changes, none);
        await PageRows.WriteGazetteerAsync(db, pageId, projectId, before, after, changes, none);
        await WriteRemovalsAsync(pageId, accepted, none);
        foreach (var a in accepted)
        {
            var sequence = a.Applied.NewState.Version;
            if (a.Job.Alone)
            {
                await Continuation.ContinuationEdits.WriteAsync(db, projectId, pageId, a.Job.Operation, a.Job.UserId, a.At, none);
            }

            var scope = OperationScope.Of(a.Before, a.Job.Operation);
            var payload = PageOperationJson.Serialize(a.Job.Operation);
            LiveMetrics.Written("log.payload");
            (a.Layer, a.ArticleKey) = (Layers.LayerOf(a.Before, a.Job.Operation), scope.ArticleKey);
            db.Operations.Add(new Operation { PageId = pageId, Sequence = sequence, AuthorId = a.Job.UserId, At = a.At, Kind = PageOperationJson.KindOf(a.Job.Operation), Payload = payload, ArticleKey = scope.ArticleKey, ChangesContent = scope.ChangesContent, Layer = a.Layer, Replay = a.Job.Replay });
            if (a.Job.Comment is { } text)
            {
                a.Comment = new Comment { PageId = pageId, ArticleKey = scope.ArticleKey ?? 0, AuthorId = a.Job.UserId, At = a.At, Text = text, Sequence = sequence };
                db.Comments.Add(a.Comment);
            }
        }

        await db.SaveChangesAsync(none);
        await transaction.CommitAsync(none);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>Keeps who removed which article (for their undo only), and forgets it when the article is back.</summary>
    private async Task WriteRemovalsAsync(int pageId, List<Accepted> accepted, CancellationToken cancellationToken)
    {
        var records = new Dictionary<int, RemovedArticle?>();
        foreach (var a in accepted)
        {
            foreach (var key in a.Applied.Changes.RemovedArticles)
            {
                records[key] = a.Before.FindArticle(key) is { } gone
                    ? new RemovedArticle { PageId = pageId, Key = key, RemovedBy = a.Job.UserId, Sequence = a.Applied.NewState.Version, Status = gone.Status, AssigneeId = gone.AssigneeId }
                    : null;
            }

            foreach (var key in a.Applied.Changes.Articles.Where(k => !a.Before.Articles.Exists(x => x.Key == k)))
            {
                records[key] = null;
            }
        }

        if (records.Count == 0)
        {
            return;
        }

        var keys = records.Keys.ToList();
        await db.Set<RemovedArticle>().Where(r => r.PageId == pageId && keys.Contains(r.Key)).ExecuteDeleteAsync(cancellationToken);
        db.Set<RemovedArticle>().AddRange(records.Values.OfType<RemovedArticle>());
    }

    /// <summary>An operation waiting for, or taken into, a group.</summary>
    private sealed class EditJob(string userId, string userName, ProjectRole? role, int seenVersion, PageOperation operation, string? comment)
        : PageJob(alone: OperationPolicy.Steps(operation).Any(s => s is LinkContinuation or UnlinkContinuation))
    {
        public string UserId { get; } = userId;

        public string UserName { get; } = userName;

        /// <summary>Null: look the user's role up with the group's.</summary>
        public ProjectRole? Role { get; } = role;

        public int SeenVersion { get; } = seenVersion;

        /// <summary>The operation as its sender sent it.</summary>
        public PageOperation Sent { get; } = operation;

        /// <summary>The operation as applied: <see cref="Sent"/> with the layers the server stamped (<see cref="Layers.Stamp"/>).</summary>
        public PageOperation Operation { get; set; } = operation;

        public string? Comment { get; } = comment;

        /// <summary>The sender's undo/redo label for the log entry (see <see cref="ApplyAsync"/>).</summary>
        public OperationReplay? Replay { get; init; }

        /// <summary>The sender's languages: refusals and notes are written in them, whoever holds the turn.</summary>
        public CultureInfo Culture { get; } = CultureInfo.CurrentCulture;

        public CultureInfo UiCulture { get; } = CultureInfo.CurrentUICulture;

        public ApplyOutcome? Outcome { get; set; }

        public AppliedOperation? Applied { get; set; }

        public Exception? Error { get; set; }
    }

    private sealed record Accepted(EditJob Job, PageState Before, OperationResult.Applied Applied, DateTimeOffset At)
    {
        public Comment? Comment { get; set; }

        /// <summary>The layer its log entry is read with (<see cref="Layers.LayerOf"/>), set when it is written.</summary>
        public string? Layer { get; set; }

        public int? ArticleKey { get; set; }
    }

    /// <summary>Runs a job's checks and Core in its sender's languages.</summary>
    private readonly struct CultureScope : IDisposable
    {
        private readonly CultureInfo culture;
        private readonly CultureInfo uiCulture;

        public CultureScope(EditJob job)
        {
            (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (job.Culture, job.UiCulture);
        }

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
    }

}
