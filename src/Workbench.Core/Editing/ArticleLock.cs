namespace Workbench.Core.Editing;

/// <summary>
/// Whether an article's content (text, boundaries, roles, title, entities) may be edited, and if not why, as a
/// reason code the UI words in its own language. The one home of "an approved article refuses edits": the editor's
/// checks and the state sent to the browser both ask here.
/// </summary>
public static class ArticleLock
{
    /// <summary>The article is approved; a reviewer must reopen it first.</summary>
    public const string Approved = "approved";

    /// <summary>The reason code, or null when the article may be edited.</summary>
    public static string? ReasonOf(ArticleStatus status) => status == ArticleStatus.Approved ? Approved : null;

    public static bool IsLocked(this ArticleState article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return ReasonOf(article.Status) is not null;
    }
}
