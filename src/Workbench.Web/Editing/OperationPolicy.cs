using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>Who may apply which operation, checked on the server for every operation (the UI only mirrors it).</summary>
public static class OperationPolicy
{
    /// <summary>A reason to refuse, or null when the user may apply the operation.</summary>
    public static string? Check(ProjectRole role, PageOperation operation, PageState state, int seenVersion)
    {
        switch (operation)
        {
            case Batch batch:
                return batch.Operations.Select(o => Check(role, o, state, seenVersion)).FirstOrDefault(r => r is not null);
            case SetStatus status when status.ExpectedStatus == ArticleStatus.Approved && role < ProjectRole.Reviewer:
                return ServerMessages.OnlyReviewerReopens;
            case SetStatus status when status.Status is ArticleStatus.Approved or ArticleStatus.ChangesRequested && role < ProjectRole.Reviewer:
                return ServerMessages.OnlyReviewerDecides;
            case ReorderBlocks or SetBlockRole or SetBlocks or RestoreArticle when seenVersion != state.Version:
                // These name blocks by position; positions mean nothing against a state the sender has not seen.
                return EditMessages.Format(ServerMessages.StaleStructure, seenVersion, state.Version);
            default:
                return null;
        }
    }
}
