using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using EntityState = Workbench.Core.Editing.EntityState;

namespace Workbench.Web.Editing;

/// <summary>
/// Writes what a group of operations changed, as Core reported it (<see cref="PageChanges"/>), to the page's rows, in
/// place: a changed article's row is updated column by column (its id, imported id, submission time and anything else
/// on the row stay), only its blocks are replaced when they changed; rows are inserted for new articles and entities
/// and deleted for removed ones. Runs inside the edit path's transaction.
/// </summary>
internal static class PageRows
{
    /// <summary>One applied operation of the group: the state before and after it, what it changed, who and when.</summary>
    public sealed record Step(PageState Before, PageState After, PageChanges Changes, string UserId, DateTimeOffset At);

    public static async Task WriteLinesAsync(WorkbenchDbContext db, int pageId, PageState before, PageState after, PageChanges changes, CancellationToken cancellationToken)
    {
        foreach (var number in changes.Lines)
        {
            var text = after.Lines[number].Text;
            if (!string.Equals(before.Lines[number].Text, text, StringComparison.Ordinal))
            {
                await db.Lines.Where(l => l.PageId == pageId && l.Number == number)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Text, text), cancellationToken);
            }
        }
    }

    /// <remarks>
    /// What the state does not hold stays on the row: the imported id, and, while the article stays submitted, when and by whom it
    /// was submitted. An article that becomes submitted in the group gets the time and author of the operation that submitted it
    /// (the review queue reads them from an index); one that leaves the status loses them. Every article whose content an
    /// operation changed records that operation's author (the self-approval rule reads it).
    /// </remarks>
    public static async Task WriteArticlesAsync(WorkbenchDbContext db, int pageId, PageState before, PageState after, PageChanges changes, IReadOnlyList<Step> steps, CancellationToken cancellationToken)
    {
        var removed = changes.RemovedArticles.Where(k => before.Articles.Exists(a => a.Key == k)).ToList();
        if (removed.Count > 0)
        {
            await db.Articles.Where(a => a.PageId == pageId && removed.Contains(a.Key)).ExecuteDeleteAsync(cancellationToken);
        }

        var submitted = new Dictionary<int, (DateTimeOffset At, string By)>();
        var authors = new Dictionary<int, string>();
        foreach (var step in steps)
        {
            foreach (var key in step.Changes.Articles)
            {
                if (step.After.FindArticle(key) is { Status: ArticleStatus.Submitted } && step.Before.FindArticle(key) is not { Status: ArticleStatus.Submitted })
                {
                    submitted[key] = (step.At, step.UserId);
                }
            }

            foreach (var key in step.Changes.ContentArticles)
            {
                authors[key] = step.UserId;
            }
        }

        var oldIndex = before.Articles.Select((a, i) => (a.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var touched = changes.Articles.Union(authors.Keys).ToHashSet();
        for (var index = 0; index < after.Articles.Count; index++)
        {
            var article = after.Articles[index];
            var key = article.Key;
            var moved = changes.ArticleOrder && oldIndex.TryGetValue(key, out var was) && was != index;
            if (!touched.Contains(key) && !moved)
            {
                continue;
            }

            var submission = submitted.TryGetValue(key, out var s) ? s : ((DateTimeOffset At, string By)?)null;
            var author = authors.GetValueOrDefault(key);
            if (!oldIndex.ContainsKey(key))
            {
                var row = PageStore.ToRow(article, index);
                row.PageId = pageId;
                row.ContentChangedBy = author;
                if (article.Status == ArticleStatus.Submitted && submission is { } sub)
                {
                    (row.SubmittedAt, row.SubmittedBy) = (sub.At, sub.By);
                }

                db.Articles.Add(row);
                continue;
            }

            var old = before.Articles[oldIndex[key]];
            var ordinal = index;
            var leftSubmitted = old.Status == ArticleStatus.Submitted && article.Status != ArticleStatus.Submitted;
            await db.Articles.Where(a => a.PageId == pageId && a.Key == key).ExecuteUpdateAsync(u =>
            {
                if (!string.Equals(old.Title, article.Title, StringComparison.Ordinal))
                {
                    u.SetProperty(a => a.Title, article.Title);
                }

                if (old.Status != article.Status)
                {
                    u.SetProperty(a => a.Status, article.Status);
                }

                if (!string.Equals(old.AssigneeId, article.AssigneeId, StringComparison.Ordinal))
                {
                    u.SetProperty(a => a.AssigneeId, article.AssigneeId);
                }

                if (!old.Confidence.Equals(article.Confidence))
                {
                    u.SetProperty(a => a.Confidence, article.Confidence);
                }

                if (moved)
                {
                    u.SetProperty(a => a.Ordinal, ordinal);
                }

                if (article.Status == ArticleStatus.Submitted && submission is { } sub)
                {
                    u.SetProperty(a => a.SubmittedAt, sub.At).SetProperty(a => a.SubmittedBy, sub.By);
                }
                else if (leftSubmitted)
                {
                    u.SetProperty(a => a.SubmittedAt, (DateTimeOffset?)null).SetProperty(a => a.SubmittedBy, (string?)null);
                }

                if (author is not null)
                {
                    u.SetProperty(a => a.ContentChangedBy, author);
                }

                // Always at least one setter: the key itself, unchanged.
                u.SetProperty(a => a.Key, key);
            }, cancellationToken);

            if (!old.Blocks.SequenceEqual(article.Blocks))
            {
                var id = await db.Articles.Where(a => a.PageId == pageId && a.Key == key).Select(a => a.Id).SingleAsync(cancellationToken);
                await db.Blocks.Where(b => b.ArticleId == id).ExecuteDeleteAsync(cancellationToken);
                for (var b = 0; b < article.Blocks.Count; b++)
                {
                    var block = article.Blocks[b];
                    db.Blocks.Add(new Block { ArticleId = id, Ordinal = b, Role = block.Role, FirstLine = block.FirstLine, LastLine = block.LastLine });
                }
            }
        }
    }

    /// <summary>Entities changed in place, new ones inserted, removed ones deleted.</summary>
    public static async Task WriteEntitiesAsync(WorkbenchDbContext db, int pageId, PageState before, PageState after, PageChanges changes, CancellationToken cancellationToken)
    {
        var existed = before.Entities.Select(e => e.Key).ToHashSet();
        var removed = changes.RemovedEntities.Where(existed.Contains).ToList();
        if (removed.Count > 0)
        {
            await db.Entities.Where(e => e.PageId == pageId && removed.Contains(e.Key)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var key in changes.Entities)
        {
            if (after.FindEntity(key) is not { } entity)
            {
                continue;
            }

            if (!existed.Contains(key))
            {
                var row = PageStore.ToRow(entity);
                row.PageId = pageId;
                db.Entities.Add(row);
                continue;
            }

            if (before.FindEntity(key) == entity)
            {
                continue;
            }

            EntityState e = entity;
            await db.Entities.Where(x => x.PageId == pageId && x.Key == key).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Label, e.Label)
                .SetProperty(x => x.StartLine, e.Start.Line)
                .SetProperty(x => x.StartOffset, e.Start.Offset)
                .SetProperty(x => x.EndLine, e.End.Line)
                .SetProperty(x => x.EndOffset, e.End.Offset)
                .SetProperty(x => x.Text, e.Text)
                .SetProperty(x => x.Source, e.Source), cancellationToken);
        }
    }

    /// <summary>Approved articles teach the project's gazetteer; reopening one takes its terms back out.</summary>
    public static async Task WriteGazetteerAsync(WorkbenchDbContext db, int pageId, int projectId, PageState before, PageState after, PageChanges changes, CancellationToken cancellationToken)
    {
        var newlyApproved = new List<ArticleState>();
        var reopened = new List<int>();
        foreach (var key in changes.Articles)
        {
            var was = before.FindArticle(key)?.Status;
            var now = after.FindArticle(key);
            if (was == ArticleStatus.Approved && now?.Status != ArticleStatus.Approved)
            {
                reopened.Add(key);
            }
            else if (was != ArticleStatus.Approved && now is { Status: ArticleStatus.Approved })
            {
                newlyApproved.Add(now);
            }
        }

        if (reopened.Count > 0)
        {
            await db.GazetteerTerms.Where(t => t.PageId == pageId && reopened.Contains(t.ArticleKey)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var article in newlyApproved)
        {
            var lines = PageStates.LinesOf(article).ToHashSet();
            foreach (var entity in after.Entities.Where(e => lines.Contains(e.Start.Line) && e.Text.Length <= GazetteerTerm.MaxText))
            {
                db.GazetteerTerms.Add(new GazetteerTerm { ProjectId = projectId, PageId = pageId, ArticleKey = article.Key, Text = entity.Text, Label = entity.Label });
            }
        }
    }
}
