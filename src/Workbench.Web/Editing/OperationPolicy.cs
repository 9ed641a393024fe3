using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>Why an operation is refused; <paramref name="Forbidden"/> when it is the user's role, not the page's state. <paramref name="Code"/>: see WIRE.md.</summary>
public sealed record Refusal(string Reason, bool Forbidden, string Code = RefusalCodes.Refused)
{
    /// <summary>The same operation goes through with a comment (the browser then asks for one).</summary>
    public bool NeedsComment { get; init; }
}

/// <summary>The machine-readable refusal codes of the wire (WIRE.md).</summary>
public static class RefusalCodes
{
    public const string Stale = "stale";
    public const string StaleStructure = "staleStructure";
    public const string Forbidden = "forbidden";
    public const string Refused = "refused";
    public const string Invalid = "invalid";
    public const string Busy = "busy";
}

/// <summary>Who removed an article and what it was then: only that user's undo may restore it, and only as it was.</summary>
public sealed record Removal(string RemovedBy, ArticleStatus Status, string? AssigneeId);

/// <summary>What the review rules need to know beyond the operation itself.</summary>
/// <param name="LastContentAuthor">Who made the latest content change to an article; null when nobody has (machine output as imported).</param>
/// <param name="Labels">The project's labels by name (ordinal); an entity may only get an active one. Null: not needed.</param>
/// <param name="RemovalOf">Who removed an article that no longer exists, and as what; null when there is no such record.</param>
/// <param name="Submitter">Who submitted the article (for taking a submission back); null when unknown.</param>
public sealed record ReviewContext(
    string UserId,
    bool AllowSelfReview,
    string? Comment,
    Func<int, string?> LastContentAuthor,
    IReadOnlyDictionary<string, Label>? Labels = null,
    Func<int, Removal?>? RemovalOf = null,
    Func<int, string?>? Submitter = null);

/// <summary>
/// Who may apply which operation, checked on the server for every operation and for every step of a batch (the UI only
/// mirrors it). The workflow's transitions are Core's (<see cref="ArticleWorkflow"/>); this adds the roles, the comments a
/// decision needs, the self-approval rule, the labels, and who may use the undo helpers.
/// </summary>
public static class OperationPolicy
{
    /// <summary>A reason to refuse, or null when the user may apply the operation against <paramref name="state"/>.</summary>
    public static Refusal? Check(ProjectRole role, PageOperation operation, PageState state, int seenVersion, ReviewContext review)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(review);
        var steps = Steps(operation).ToList();

        // Steps that name blocks by position mean nothing against a state the sender has not seen.
        if (seenVersion != state.Version && steps.Exists(s => s is ReorderBlocks or SetBlockRole or SetBlocks or RestoreArticle))
        {
            return new Refusal(EditMessages.Format(ServerMessages.StaleStructure, seenVersion, state.Version), false, RefusalCodes.StaleStructure);
        }

        if (steps.Count == 1 || !steps.Exists(s => s is SetStatus { Status: ArticleStatus.Approved } or RestoreArticle))
        {
            // No step's rule depends on what the steps before it did: each is checked as if alone.
            return steps.Select(s => CheckStep(role, s, review)).FirstOrDefault(r => r is not null);
        }

        // A batch that approves or restores: each step against the state the steps before it leave, so that an edit earlier
        // in the batch counts as the user's own change and an article removed earlier counts as removed by them.
        var current = state;
        var authors = new Dictionary<int, string?>();
        var removals = new Dictionary<int, Removal?>();
        var stepReview = review with
        {
            LastContentAuthor = key => authors.TryGetValue(key, out var author) ? author : review.LastContentAuthor(key),
            RemovalOf = key => removals.TryGetValue(key, out var removal) ? removal : review.RemovalOf?.Invoke(key),
        };
        foreach (var step in steps)
        {
            if (CheckStep(role, step, stepReview) is { } refusal)
            {
                return refusal;
            }

            if (PageEditor.Apply(current, step) is not OperationResult.Applied applied)
            {
                return null; // Core refuses the batch with this step's reason
            }

            Remember(review.UserId, current, applied.Changes, authors, removals);
            current = applied.NewState;
        }

        return null;
    }

    /// <summary>
    /// Notes what an applied operation did that later rules depend on: it made <paramref name="userId"/> the last content author
    /// of the articles whose content it changed, and the one who removed the articles it removed (as they were in <paramref name="before"/>).
    /// </summary>
    public static void Remember(string userId, PageState before, PageChanges changes, IDictionary<int, string?> authors, IDictionary<int, Removal?> removals)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(authors);
        ArgumentNullException.ThrowIfNull(removals);
        foreach (var key in changes.ContentArticles)
        {
            authors[key] = userId;
        }

        foreach (var key in changes.RemovedArticles)
        {
            removals[key] = before.FindArticle(key) is { } gone ? new Removal(userId, gone.Status, gone.AssigneeId) : null;
        }

        foreach (var key in changes.Articles)
        {
            if (!before.Articles.Exists(a => a.Key == key))
            {
                removals[key] = null; // (re)created: no longer a removed article
            }
        }
    }

    /// <summary>The leaf steps of an operation in the order Core applies them.</summary>
    public static IEnumerable<PageOperation> Steps(PageOperation operation) =>
        operation is Batch batch ? (batch.Operations ?? []).SelectMany(Steps) : [operation];

    private static Refusal? CheckStep(ProjectRole role, PageOperation operation, ReviewContext review) => operation switch
    {
        SetStatus status => CheckStatus(role, status, review),
        Assign when role < ProjectRole.Reviewer => new Refusal(ServerMessages.OnlyReviewerAssigns, true, RefusalCodes.Forbidden),

        // Undo of a removal restores the entity as it was (with its key), even if its label was retired since.
        AddEntity add => CheckLabel(add.Label, review, allowRetired: add.Key is not null),
        RelabelEntity relabel => CheckLabel(relabel.Label, review, allowRetired: false),
        RestoreArticle restore => CheckRestore(restore, review),
        _ => null,
    };

    /// <summary>Only an undo restores an article: of the user's own removal, with the status and assignee it had.</summary>
    private static Refusal? CheckRestore(RestoreArticle restore, ReviewContext review)
    {
        if (restore.Article is null)
        {
            return null; // Core names what is missing
        }

        var removal = review.RemovalOf?.Invoke(restore.Article.Key);
        var asItWas = removal is not null
            && string.Equals(removal.RemovedBy, review.UserId, StringComparison.Ordinal)
            && removal.Status == restore.Article.Status
            && string.Equals(removal.AssigneeId, restore.Article.AssigneeId, StringComparison.Ordinal);
        return asItWas ? null : new Refusal(EditMessages.Format(ServerMessages.RestoreNotYours, restore.Article.Key), true, RefusalCodes.Forbidden);
    }

    private static Refusal? CheckLabel(string label, ReviewContext review, bool allowRetired)
    {
        if (review.Labels is null)
        {
            return null;
        }

        if (!review.Labels.TryGetValue(label ?? "", out var known))
        {
            return new Refusal(EditMessages.Format(ServerMessages.UnknownLabel, label ?? ""), false);
        }

        return known.Retired && !allowRetired ? new Refusal(EditMessages.Format(ServerMessages.RetiredLabel, label!), false) : null;
    }

    private static Refusal? CheckStatus(ProjectRole role, SetStatus status, ReviewContext review)
    {
        if (!ArticleWorkflow.IsTransition(status.ExpectedStatus, status.Status))
        {
            return new Refusal(EditMessages.Format(EditMessages.NotATransition, StatusNames.Of(status.ExpectedStatus), StatusNames.Of(status.Status)), false);
        }

        if (status.ExpectedStatus == ArticleStatus.Approved)
        {
            if (role < ProjectRole.Reviewer)
            {
                return new Refusal(ServerMessages.OnlyReviewerReopens, true, RefusalCodes.Forbidden);
            }

            return string.IsNullOrWhiteSpace(review.Comment) ? new Refusal(ServerMessages.ReopenNeedsReason, false) { NeedsComment = true } : null;
        }

        if (status.Status is ArticleStatus.Approved or ArticleStatus.ChangesRequested && role < ProjectRole.Reviewer)
        {
            return new Refusal(ServerMessages.OnlyReviewerDecides, true, RefusalCodes.Forbidden);
        }

        if (status.Status == ArticleStatus.ChangesRequested && string.IsNullOrWhiteSpace(review.Comment))
        {
            return new Refusal(ServerMessages.ChangesNeedComment, false) { NeedsComment = true };
        }

        // Back from submitted to work: only the submitter may take their own submission back silently; anyone else sends it
        // back, and the annotator must hear why.
        if (status is { ExpectedStatus: ArticleStatus.Submitted, Status: ArticleStatus.InProgress } && string.IsNullOrWhiteSpace(review.Comment)
            && review.Submitter?.Invoke(status.ArticleKey) != review.UserId)
        {
            return new Refusal(Review.ReviewMessages.SendBackNeedsComment(status.ArticleKey), false) { NeedsComment = true };
        }

        // Machine output nobody has changed is not gold by default: approving it as it is takes a comment saying it was read.
        if (status.Status == ArticleStatus.Approved && review.LastContentAuthor(status.ArticleKey) is null && string.IsNullOrWhiteSpace(review.Comment))
        {
            return new Refusal(Review.ReviewMessages.UntouchedNeedsComment(status.ArticleKey), false) { NeedsComment = true };
        }

        if (status.Status == ArticleStatus.Approved && !review.AllowSelfReview && review.LastContentAuthor(status.ArticleKey) == review.UserId)
        {
            return new Refusal(ServerMessages.NoSelfApproval, true, RefusalCodes.Forbidden);
        }

        return null;
    }
}
