using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>A comment as the editor shows it.</summary>
public sealed record CommentView(long Id, int PageId, int ArticleKey, string AuthorId, string AuthorName, DateTimeOffset At, string Text, int? Sequence)
{
    public static CommentView From(Comment comment, string authorName) =>
        new(comment.Id, comment.PageId, comment.ArticleKey, comment.AuthorId, authorName, comment.At, comment.Text, comment.Sequence);
}
