using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>What the review rules need to know beyond the operation itself.</summary>
public sealed record ReviewContext(string UserId, bool AllowSelfReview, string? Comment, Func<int, string?> LastContentAuthor);

/// <summary>
/// Who may apply which operation, checked on the server for every operation (the UI only mirrors it).
/// Statuses: draft → in progress → submitted → approved, or submitted → changes requested → in progress;
/// a reviewer reopens an approved article (back to in progress, with a reason).
/// </summary>
public static class OperationPolicy
{
    /// <summary>A reason to refuse, or null when the user may apply the operation.</summary>
    public static string? Check(ProjectRole role, PageOperation operation, PageState state, int seenVersion, ReviewContext review)
    {
        switch (operation)
        {
            case Batch batch:
                return batch.Operations.Select(o => Check(role, o, state, seenVersion, review)).FirstOrDefault(r => r is not null);
            case SetStatus status:
                return CheckStatus(role, status, review);
            case ReorderBlocks or SetBlockRole or SetBlocks or RestoreArticle when seenVersion != state.Version:
                // These name blocks by position; positions mean nothing against a state the sender has not seen.
                return EditMessages.Format(ServerMessages.StaleStructure, seenVersion, state.Version);
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

    private static string? CheckStatus(ProjectRole role, SetStatus status, ReviewContext review)
    {
        if (!IsTransition(status.ExpectedStatus, status.Status))
        {
            return EditMessages.Format(ServerMessages.NotATransition, StatusNames.Of(status.ExpectedStatus), StatusNames.Of(status.Status));
        }

        if (status.ExpectedStatus == ArticleStatus.Approved)
        {
            if (role < ProjectRole.Reviewer)
            {
                return ServerMessages.OnlyReviewerReopens;
            }

            return string.IsNullOrWhiteSpace(review.Comment) ? ServerMessages.ReopenNeedsReason : null;
        }

        if (status.Status is ArticleStatus.Approved or ArticleStatus.ChangesRequested && role < ProjectRole.Reviewer)
        {
            return ServerMessages.OnlyReviewerDecides;
        }

        if (status.Status == ArticleStatus.ChangesRequested && string.IsNullOrWhiteSpace(review.Comment))
        {
            return ServerMessages.ChangesNeedComment;
        }

        if (status.Status == ArticleStatus.Approved && !review.AllowSelfReview && review.LastContentAuthor(status.ArticleKey) == review.UserId)
        {
            return ServerMessages.NoSelfApproval;
        }

        return null;
    }
}
