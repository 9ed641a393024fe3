using Microsoft.EntityFrameworkCore;
using Workbench.Core.Continuation;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;

namespace Workbench.Web.Continuation;

/// <summary>
/// Link and unlink by hand: <see cref="LinkContinuation"/>/<see cref="UnlinkContinuation"/> go through the one edit path
/// (role, version guard, operation log = History and Audit, broadcast); this checks the other end and writes the row
/// in the same transaction.
/// </summary>
public static class ContinuationEdits
{
    /// <summary>A reason to refuse the link operations in <paramref name="operation"/>, or null.</summary>
    public static async Task<string?> CheckAsync(WorkbenchDbContext db, int pageId, int projectId, PageOperation operation, CancellationToken cancellationToken)
    {
        foreach (var step in Steps(operation))
        {
            var (key, otherPageId, otherKey, direction, link) = step;
            if (otherPageId == pageId)
            {
                return ServerMessages.LinkSamePage;
            }

            if (!await db.Pages.AnyAsync(p => p.Id == otherPageId && p.ProjectId == projectId, cancellationToken))
            {
                return EditMessages.Format(ServerMessages.LinkOtherPageMissing, otherPageId);
            }

            var status = await db.Articles.Where(a => a.PageId == otherPageId && a.Key == otherKey).Select(a => (ArticleStatus?)a.Status).FirstOrDefaultAsync(cancellationToken);
            if (status is null)
            {
                return EditMessages.Format(ServerMessages.LinkOtherArticleMissing, otherPageId, otherKey);
            }

            if (status == ArticleStatus.Approved)
            {
                return EditMessages.Format(ServerMessages.LinkOtherApproved, otherPageId, otherKey);
            }

            var (from, fromKey, to, toKey) = Ends(pageId, key, otherPageId, otherKey, direction);
            var exists = await db.ArticleLinks.AnyAsync(l => l.FromPageId == from && l.FromArticleKey == fromKey && l.ToPageId == to && l.ToArticleKey == toKey, cancellationToken);
            if (link && exists)
            {
                return ServerMessages.LinkExists;
            }

            if (!link && !exists)
            {
                return ServerMessages.LinkMissing;
            }
        }

        return null;
    }

    /// <summary>Adds or deletes the link rows of <paramref name="operation"/>; saved with the operation's log entry.</summary>
    public static async Task WriteAsync(WorkbenchDbContext db, int projectId, int pageId, PageOperation operation, string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var (key, otherPageId, otherKey, direction, link) in Steps(operation))
        {
            var (from, fromKey, to, toKey) = Ends(pageId, key, otherPageId, otherKey, direction);
            if (link)
            {
                await ArticleLinks.AddAsync(db, projectId, from, fromKey, to, toKey, LinkSource.Manual, userId, at, cancellationToken);
            }
            else
            {
                await db.ArticleLinks.Where(l => l.FromPageId == from && l.FromArticleKey == fromKey && l.ToPageId == to && l.ToArticleKey == toKey)
                    .ExecuteDeleteAsync(cancellationToken);
            }
        }
    }

    private static (int From, int FromKey, int To, int ToKey) Ends(int pageId, int key, int otherPageId, int otherKey, MarkerDirection direction) =>
        direction == MarkerDirection.On ? (pageId, key, otherPageId, otherKey) : (otherPageId, otherKey, pageId, key);

    private static IEnumerable<(int Key, int OtherPageId, int OtherKey, MarkerDirection Direction, bool Link)> Steps(PageOperation operation) => operation switch
    {
        LinkContinuation x => [(x.ArticleKey, x.OtherPageId, x.OtherArticleKey, x.Direction, true)],
        UnlinkContinuation x => [(x.ArticleKey, x.OtherPageId, x.OtherArticleKey, x.Direction, false)],
        Batch b => b.Operations.SelectMany(Steps),
        _ => [],
    };
}
