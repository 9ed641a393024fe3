using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>Why an operation is refused; <paramref name="Forbidden"/> when it is the user's role, not the page's state.</summary>
public sealed record Refusal(string Reason, bool Forbidden)
{
    /// <summary>The same operation goes through with a comment (the browser then asks for one).</summary>
    public bool NeedsComment { get; init; }
}

/// <summary>What the review rules need to know beyond the operation itself.</summary>
/// <param name="Labels">The project's labels by name (ordinal); an entity may only get an active one.</param>
/// <param name="LastContentAuthor">Who made the article's last content change; null when nobody has (machine output as imported).</param>
/// <param name="Submitter">Who submitted the article (for taking a submission back); null when unknown.</param>
public sealed record ReviewContext(string UserId, bool AllowSelfReview, string? Comment, Func<int, string?> LastContentAuthor, IReadOnlyDictionary<string, Label>? Labels = null, Func<int, string?>? Submitter = null);

/// <summary>
/// Who may apply which operation, checked on the server for every operation (the UI only mirrors it).
/// Statuses: draft → in progress → submitted → approved, or submitted → changes requested → in progress;
/// a reviewer reopens an approved article (back to in progress, with a reason).
/// </summary>
public static class OperationPolicy
{
    /// <summary>A reason to refuse, or null when the user may apply the operation.</summary>
    public static Refusal? Check(ProjectRole role, PageOperation operation, PageState state, int seenVersion, ReviewContext review)
    {
        switch (operation)
        {
            case Batch batch:
                return batch.Operations.Select(o => Check(role, o, state, seenVersion, review)).FirstOrDefault(r => r is not null);
            case SetStatus status:
                return CheckStatus(role, status, review);
            case Assign when role < ProjectRole.Reviewer:
                return new Refusal(ServerMessages.OnlyReviewerAssigns, true);
            case AddEntity add:
                // Undo of a removal restores the entity as it was (with its key), even if its label was retired since.
                return CheckLabel(add.Label, review, allowRetired: add.Key is not null);
            case RelabelEntity relabel:
                return CheckLabel(relabel.Label, review, allowRetired: false);
            case ReorderBlocks or SetBlockRole or SetBlocks or RestoreArticle when seenVersion != state.Version:
                // These name blocks by position; positions mean nothing against a state the sender has not seen.
                return new Refusal(EditMessages.Format(ServerMessages.StaleStructure, seenVersion, state.Version), false);
            default:
                return null;
        }
    }

    /// <summary>Whether a status change is a transition of the workflow at all.</summary>
    public static bool IsTransition(ArticleStatus from, ArticleStatus to) => (from, to) switch
    {
        (ArticleStatus.Draft or ArticleStatus.ChangesRequested or ArticleStatus.Submitted, ArticleStatus.InProgress) => true,
        (ArticleStatus.Draft or ArticleStatus.InProgress or ArticleStatus.ChangesRequested, ArticleStatus.Submitted) => true,
        (ArticleStatus.Submitted, ArticleStatus.Approved or ArticleStatus.ChangesRequested) => true,
        (ArticleStatus.Approved, ArticleStatus.InProgress) => true,
        _ => false,
    };

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
        if (!IsTransition(status.ExpectedStatus, status.Status))
        {
            return new Refusal(EditMessages.Format(ServerMessages.NotATransition, StatusNames.Of(status.ExpectedStatus), StatusNames.Of(status.Status)), false);
        }

        if (status.ExpectedStatus == ArticleStatus.Approved)
        {
            if (role < ProjectRole.Reviewer)
            {
                return new Refusal(ServerMessages.OnlyReviewerReopens, true);
            }

            return string.IsNullOrWhiteSpace(review.Comment) ? new Refusal(ServerMessages.ReopenNeedsReason, false) { NeedsComment = true } : null;
        }

        if (status.Status is ArticleStatus.Approved or ArticleStatus.ChangesRequested && role < ProjectRole.Reviewer)
        {
            return new Refusal(ServerMessages.OnlyReviewerDecides, true);
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
            return new Refusal(ServerMessages.NoSelfApproval, true);
        }

        return null;
    }
}
