using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Microsoft.AspNetCore.SignalR;
using Workbench.Web.Data;
using Workbench.Web.Hubs;

namespace Workbench.Web.Editing;

/// <summary>What the sender of an operation hears back.</summary>
/// <param name="Forbidden">True when the refusal is about the user's role or membership, not the page's state.</param>
public sealed record ApplyOutcome(bool Accepted, int Version, string? Reason = null, string? CurrentValue = null, IReadOnlyList<string>? Notes = null, string? Inverse = null, bool Forbidden = false)
{
    /// <summary>Refused for want of a comment: the same operation with one (a reason, a request) would be considered.</summary>
    public bool NeedsComment { get; init; }

    public static ApplyOutcome Reject(int version, string reason, string? currentValue = null) => new(false, version, reason, currentValue);

    public static ApplyOutcome Forbid(int version, string reason) => new(false, version, reason, Forbidden: true);
}

/// <summary>What everyone on the page hears when an operation is applied.</summary>
public sealed record AppliedOperation(int PageId, int Sequence, string AuthorId, string AuthorName, DateTimeOffset At, string Kind, string Description, string Operation, IReadOnlyList<string> Notes, PagePatch Patch);

/// <summary>
/// The one path for every change: check the role and the operation's preconditions against the current state,
/// apply it with Core, and write the new state and the log entry in one transaction guarded by the page version
/// (an UPDATE ... WHERE Version = @loaded), so two app instances can never write the same sequence number.
/// </summary>
/// <param name="cache">The app's shared page locks and state cache (a singleton); a private one when not given.</param>
/// <param name="writeLock">Serialises a page's writes across app instances (PostgreSQL); none in one process.</param>
public sealed class PageEditService(WorkbenchDbContext db, TimeProvider clock, IHubContext<PageHub, IPageClient> hub, PageStateCache? cache = null, IPageWriteLock? writeLock = null)
{
    private const int MaxAttempts = 8;

    // Within one app, operations on a page queue up (cache.LockFor) instead of racing to the version guard; the
    // guard still keeps several processes honest.
    private readonly PageStateCache cache = cache ?? new PageStateCache();

    private async Task<PageStateCache.CachedPage?> CurrentAsync(int pageId, CancellationToken cancellationToken)
    {
        if (cache.TryGet(pageId, out var cached))
        {
            var version = await db.Pages.Where(p => p.Id == pageId).Select(p => (int?)p.Version).FirstOrDefaultAsync(cancellationToken);
            if (version == cached.State.Version)
            {
                return cached;
            }

            cache.Forget(pageId);
        }

        var loaded = await PageStore.LoadAsync(db, pageId, cancellationToken);
        if (loaded is null)
        {
            return null;
        }

        var current = new PageStateCache.CachedPage(loaded.Value.Page.ProjectId, loaded.Value.State, loaded.Value.Confidence);
        cache.Set(pageId, current);
        return current;
    }

    /// <param name="comment">A comment that goes with the operation (a request for changes, a reason to reopen); stored in the same transaction.</param>
    public async Task<(ApplyOutcome Outcome, AppliedOperation? Applied)> ApplyAsync(int pageId, string userId, string userName, ProjectRole role, int seenVersion, PageOperation operation, string? comment = null, CancellationToken cancellationToken = default)
    {
        var gate = cache.LockFor(pageId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var loaded = await CurrentAsync(pageId, cancellationToken);
                if (loaded is null)
                {
                    return (ApplyOutcome.Reject(0, EditMessages.Format(ServerMessages.NoSuchPage, pageId)), null);
                }

                var (projectId, state, confidence) = loaded;
                var review = await ReviewContextAsync(pageId, projectId, userId, comment, operation, cancellationToken);
                var refusal = OperationPolicy.Check(role, operation, state, seenVersion, review);
                if (refusal is not null)
                {
                    return ((refusal.Forbidden ? ApplyOutcome.Forbid(state.Version, refusal.Reason) : ApplyOutcome.Reject(state.Version, refusal.Reason)) with { NeedsComment = refusal.NeedsComment }, null);
                }

                if (await Continuation.ContinuationEdits.CheckAsync(db, pageId, projectId, operation, cancellationToken) is { } linkRefusal)
                {
                    return (ApplyOutcome.Reject(state.Version, linkRefusal), null);
                }

                var result = PageEditor.Apply(state, operation);
                if (result is OperationResult.Rejected rejected)
                {
                    return (ApplyOutcome.Reject(state.Version, rejected.Reason, rejected.CurrentValue), null);
                }

                var applied = (OperationResult.Applied)result;
                var at = clock.GetUtcNow();
                var json = PageOperationJson.Serialize(operation);
                var kind = KindOf(json);
                var scope = OperationScope.Of(state, operation);
                var entry = new Operation { PageId = pageId, Sequence = applied.NewState.Version, AuthorId = userId, At = at, Kind = kind, Payload = json, ArticleKey = scope.ArticleKey, ChangesContent = scope.ChangesContent };
                var note = string.IsNullOrWhiteSpace(comment) ? null : new Comment { PageId = pageId, ArticleKey = scope.ArticleKey ?? 0, AuthorId = userId, At = at, Text = comment.Trim(), Sequence = entry.Sequence };
                bool written;
                try
                {
                    written = await TryWriteAsync(pageId, projectId, operation, state, applied.NewState, confidence, entry, note, cancellationToken);
                }
                catch
                {
                    cache.Forget(pageId);
                    throw;
                }

                if (written)
                {
                    cache.Set(pageId, new PageStateCache.CachedPage(projectId, applied.NewState, applied.NewState.Articles.ToDictionary(a => a.Key, a => confidence.GetValueOrDefault(a.Key, 1.0))));
                    var message = new AppliedOperation(
                        pageId, applied.NewState.Version, userId, userName, at, kind,
                        OperationDescriptions.Describe(operation), json, applied.Notes,
                        PagePatch.Between(state, applied.NewState, confidence));
                    var outcome = new ApplyOutcome(true, applied.NewState.Version, Notes: applied.Notes, Inverse: PageOperationJson.Serialize(applied.Inverse));
                    await hub.Clients.Group(PageHub.GroupFor(pageId)).OperationApplied(message);
                    if (note is not null)
                    {
                        await hub.Clients.Group(PageHub.GroupFor(pageId)).CommentAdded(CommentView.From(note, userName));
                    }

                    return (outcome, message);
                }

                cache.Forget(pageId); // someone else moved the version on: read the page again
                if (attempt == MaxAttempts)
                {
                    return (ApplyOutcome.Reject(state.Version, ServerMessages.Busy), null);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The "kind" discriminator of a serialised operation.</summary>
    private static string KindOf(string operationJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(operationJson);
        return document.RootElement.GetProperty("kind").GetString()!;
    }

    private async Task<ReviewContext> ReviewContextAsync(int pageId, int projectId, string userId, string? comment, PageOperation operation, CancellationToken cancellationToken)
    {
        // Only approvals need the project setting and the log; every other operation skips those queries.
        var approvals = Flatten(operation).OfType<SetStatus>().Where(s => s.Status == ArticleStatus.Approved).Select(s => s.ArticleKey).ToList();
        var allowSelfReview = approvals.Count > 0
            && await db.Projects.Where(p => p.Id == projectId).Select(p => p.AllowSelfReview).FirstAsync(cancellationToken);
        var lastAuthors = new Dictionary<int, string?>();
        foreach (var key in approvals)
        {
            lastAuthors[key] = await db.Operations.AsNoTracking()
                .Where(o => o.PageId == pageId && o.ArticleKey == key && o.ChangesContent)
                .OrderByDescending(o => o.Sequence).Select(o => o.AuthorId).FirstOrDefaultAsync(cancellationToken);
        }

        IReadOnlyDictionary<string, Label>? labels = null;
        if (Flatten(operation).Any(o => o is AddEntity or RelabelEntity))
        {
            labels = (await db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).ToListAsync(cancellationToken))
                .ToDictionary(l => l.Name, StringComparer.Ordinal);
        }

        // Who submitted: only asked when a submission goes back to work (the submitter may take it back without a comment).
        var takenBack = Flatten(operation).OfType<SetStatus>().Where(s => s is { ExpectedStatus: ArticleStatus.Submitted, Status: ArticleStatus.InProgress }).Select(s => s.ArticleKey).ToList();
        var submitters = takenBack.Count == 0 ? [] : await db.Articles.AsNoTracking().Where(a => a.PageId == pageId && takenBack.Contains(a.Key))
            .ToDictionaryAsync(a => a.Key, a => a.SubmittedBy, cancellationToken);
        return new ReviewContext(userId, allowSelfReview, comment, key => lastAuthors.GetValueOrDefault(key), labels, key => submitters.GetValueOrDefault(key));
    }

    private static IEnumerable<PageOperation> Flatten(PageOperation operation) =>
        operation is Batch batch ? batch.Operations.SelectMany(Flatten) : [operation];

    private async Task<bool> TryWriteAsync(int pageId, int projectId, PageOperation operation, PageState before, PageState after, IReadOnlyDictionary<int, double> confidence, Operation entry, Comment? comment, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await (writeLock ?? new InProcessPageWriteLock()).AcquireAsync(db, pageId, cancellationToken);

        // The guard: the first write takes SQLite's write lock, and matches only if nobody moved the version on.
        var claimed = await db.Pages
            .Where(p => p.Id == pageId && p.Version == before.Version)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Version, after.Version)
                .SetProperty(p => p.NextArticleKey, after.NextArticleKey)
                .SetProperty(p => p.NextEntityKey, after.NextEntityKey), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await WriteLinesAsync(pageId, before, after, cancellationToken);
        await WriteArticlesAsync(pageId, before, after, confidence, entry, cancellationToken);
        await WriteEntitiesAsync(pageId, before, after, cancellationToken);
        await WriteGazetteerAsync(pageId, projectId, before, after, cancellationToken);
        await Continuation.ContinuationEdits.WriteAsync(db, projectId, pageId, operation, entry.AuthorId, entry.At, cancellationToken);
        db.Operations.Add(entry);
        if (comment is not null)
        {
            db.Comments.Add(comment);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    private async Task WriteLinesAsync(int pageId, PageState before, PageState after, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(before.Lines, after.Lines))
        {
            return;
        }

        foreach (var line in after.Lines.Values)
        {
            if (!string.Equals(before.Lines[line.Number].Text, line.Text, StringComparison.Ordinal))
            {
                var text = line.Text;
                await db.Lines.Where(l => l.PageId == pageId && l.Number == line.Number)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Text, text), cancellationToken);
            }
        }
    }

    /// <remarks>
    /// A changed article's row is rewritten. What the state does not hold stays with the key: the imported id and item type (a split's
    /// first part keeps them) and, while the article stays submitted, when and by whom it was submitted; an article that becomes
    /// submitted with this operation gets the operation's time and author (the review queue reads them from an index).
    /// </remarks>
    private async Task WriteArticlesAsync(int pageId, PageState before, PageState after, IReadOnlyDictionary<int, double> confidence, Operation entry, CancellationToken cancellationToken)
    {
        if (PagePatch.SameArticles(before.Articles, after.Articles))
        {
            return;
        }

        var old = before.Articles.Select((a, i) => (Article: a, Index: i)).ToDictionary(x => x.Article.Key);
        var current = after.Articles.Select(a => a.Key).ToHashSet();
        var stale = before.Articles.Where(a => !current.Contains(a.Key) || !PagePatch.SameArticle(a, after.FindArticle(a.Key)!)).Select(a => a.Key).ToList();
        var kept = new Dictionary<int, (string? ExternalId, DateTimeOffset? SubmittedAt, string? SubmittedBy, string? ItemType)>();
        if (stale.Count > 0)
        {
            kept = await db.Articles.AsNoTracking().Where(a => a.PageId == pageId && stale.Contains(a.Key) && (a.ExternalId != null || a.SubmittedAt != null || a.ItemType != null))
                .ToDictionaryAsync(a => a.Key, a => (a.ExternalId, a.SubmittedAt, a.SubmittedBy, a.ItemType), cancellationToken);
            await db.Articles.Where(a => a.PageId == pageId && stale.Contains(a.Key)).ExecuteDeleteAsync(cancellationToken);
        }

        for (var index = 0; index < after.Articles.Count; index++)
        {
            var article = after.Articles[index];
            if (old.TryGetValue(article.Key, out var was) && !stale.Contains(article.Key))
            {
                if (was.Index != index)
                {
                    var ordinal = index;
                    await db.Articles.Where(a => a.PageId == pageId && a.Key == article.Key)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.Ordinal, ordinal), cancellationToken);
                }

                continue;
            }

            var row = PageStore.ToRow(article, index, confidence.GetValueOrDefault(article.Key, 1.0));
            row.PageId = pageId;
            var previous = kept.GetValueOrDefault(article.Key);
            row.ExternalId = previous.ExternalId;
            row.ItemType = previous.ItemType;
            if (article.Status == ArticleStatus.Submitted)
            {
                var stillSubmitted = was.Article?.Status == ArticleStatus.Submitted && previous.SubmittedAt is not null;
                (row.SubmittedAt, row.SubmittedBy) = stillSubmitted ? (previous.SubmittedAt, previous.SubmittedBy) : (entry.At, entry.AuthorId);
            }

            db.Articles.Add(row);
        }
    }

    /// <summary>Approved articles teach the project's gazetteer; reopening one takes its terms back out.</summary>
    private async Task WriteGazetteerAsync(int pageId, int projectId, PageState before, PageState after, CancellationToken cancellationToken)
    {
        var approved = after.Articles.Where(a => a.Status == ArticleStatus.Approved).Select(a => a.Key).ToHashSet();
        var wasApproved = before.Articles.Where(a => a.Status == ArticleStatus.Approved).Select(a => a.Key).ToHashSet();
        var reopened = wasApproved.Except(approved).ToList();
        if (reopened.Count > 0)
        {
            await db.GazetteerTerms.Where(t => t.PageId == pageId && reopened.Contains(t.ArticleKey)).ExecuteDeleteAsync(cancellationToken);
        }

        var newlyApproved = approved.Except(wasApproved).ToList();
        if (newlyApproved.Count == 0)
        {
            return;
        }

        var owners = after.LineOwners();
        foreach (var entity in after.Entities)
        {
            if (owners.TryGetValue(entity.Start.Line, out var key) && newlyApproved.Contains(key) && entity.Text.Length <= GazetteerTerm.MaxText)
            {
                db.GazetteerTerms.Add(new GazetteerTerm { ProjectId = projectId, PageId = pageId, ArticleKey = key, Text = entity.Text, Label = entity.Label });
            }
        }
    }

    private async Task WriteEntitiesAsync(int pageId, PageState before, PageState after, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(before.Entities, after.Entities))
        {
            return;
        }

        var now = after.Entities.ToDictionary(e => e.Key);
        var stale = before.Entities.Where(e => !now.TryGetValue(e.Key, out var n) || n != e).Select(e => e.Key).ToList();
        if (stale.Count > 0)
        {
            await db.Entities.Where(e => e.PageId == pageId && stale.Contains(e.Key)).ExecuteDeleteAsync(cancellationToken);
        }

        var previous = before.Entities.ToDictionary(e => e.Key);
        foreach (var entity in after.Entities)
        {
            if (!previous.TryGetValue(entity.Key, out var was) || was != entity)
            {
                var row = PageStore.ToRow(entity);
                row.PageId = pageId;
                db.Entities.Add(row);
            }
        }
    }
}
