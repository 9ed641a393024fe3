using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using EntityState = Workbench.Core.Editing.EntityState;

namespace Workbench.Web.Editing;

/// <summary>
/// Writes what a group of operations changed, as Core reported it (<see cref="PageChanges"/>), to the page's rows, in
/// place: changed lines, and articles whose only change is their place or their last content author, are updated by key
/// without being read; the rows of other changed articles and of changed entities are read (one
/// query per table, blocks only for articles whose blocks changed) and only their changed columns are written (an article
/// keeps its id, imported id, submission time and anything else on the row; only its blocks are replaced when they
/// changed); rows are inserted for new articles and entities and deleted for removed ones. The deletions and the by-key
/// updates of articles run at once, the rest is written by the caller's one SaveChanges, all inside the edit path's transaction.
/// </summary>
internal static class PageRows
{
    /// <summary>One applied operation of the group: the state before and after it, what it changed, who and when.</summary>
    public sealed record Step(PageState Before, PageState After, PageChanges Changes, string UserId, DateTimeOffset At);

    public static void WriteLines(WorkbenchDbContext db, int pageId, PageState before, PageState after, PageChanges changes)
    {
        var numbers = changes.Lines.Where(n => !string.Equals(before.Lines[n].Text, after.Lines[n].Text, StringComparison.Ordinal)).ToList();
        if (numbers.Count == 0)
        {
            return;
        }

        // The key is (page, number) and only the text changes: the row is updated without reading it first (the version
        // guard has just claimed the page, whose lines are never deleted).
        foreach (var number in numbers)
        {
            var row = new PageLine { PageId = pageId, Number = number, Original = "", Text = after.Lines[number].Text };
            db.Lines.Attach(row).Property(l => l.Text).IsModified = true;
        }
    }

    /// <remarks>
    /// Rows are read tracked and only their changed columns are written (by the caller's SaveChanges). What the state does not
    /// hold stays on the row: the imported id, and, while the article stays submitted, when and by whom it was submitted. An
    /// article that becomes submitted in the group gets the time and author of the operation that submitted it (the review
    /// queue reads them from an index); one that leaves the status loses them. Every article whose content an operation changed
    /// records that operation's author (the self-approval rule reads it).
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
        var existing = new List<int>();
        var reordered = new List<(int Key, object Ordinal)>();
        var authored = new List<(int Key, object Author)>();
        for (var index = 0; index < after.Articles.Count; index++)
        {
            var article = after.Articles[index];
            var was = oldIndex.TryGetValue(article.Key, out var w) ? w : -1;
            var moved = changes.ArticleOrder && was >= 0 && was != index;
            if (moved && !touched.Contains(article.Key))
            {
                reordered.Add((article.Key, index));
                continue;
            }

            // A line or entity edit changes no column of its article's row but the last content author: written by key,
            // without reading the row.
            if (was == index && !changes.Articles.Contains(article.Key) && authors.TryGetValue(article.Key, out var author) && before.Articles[was] == article)
            {
                authored.Add((article.Key, author));
                continue;
            }

            if (!oldIndex.ContainsKey(article.Key))
            {
                var row = PageStore.ToRow(article, index);
                row.PageId = pageId;
                row.ContentChangedBy = authors.GetValueOrDefault(article.Key);
                if (article.Status == ArticleStatus.Submitted && submitted.TryGetValue(article.Key, out var sub))
                {
                    (row.SubmittedAt, row.SubmittedBy) = (sub.At, sub.By);
                }

                db.Articles.Add(row);
            }
            else if (touched.Contains(article.Key) || moved)
            {
                existing.Add(article.Key);
            }
        }

        await SetByKeyAsync(db, pageId, nameof(Article.Ordinal), reordered, cancellationToken);
        await SetByKeyAsync(db, pageId, nameof(Article.ContentChangedBy), authored, cancellationToken);
        if (existing.Count == 0)
        {
            return;
        }

        var afterIndex = after.Articles.Select((a, i) => (a.Key, i)).ToDictionary(x => x.Key, x => x.i);

        // Blocks are read (and replaced) only for the articles whose blocks changed: a line or entity edit touches the
        // article's row, not its blocks.
        var reshaped = existing.Where(k => !before.Articles[oldIndex[k]].Blocks.SequenceEqual(after.Articles[afterIndex[k]].Blocks)).ToHashSet();
        var kept = existing.Except(reshaped).ToList();
        var rows = kept.Count == 0 ? [] : await db.Articles.Where(a => a.PageId == pageId && kept.Contains(a.Key)).ToListAsync(cancellationToken);
        if (reshaped.Count > 0)
        {
            rows.AddRange(await db.Articles.Include(a => a.Blocks).Where(a => a.PageId == pageId && reshaped.Contains(a.Key)).ToListAsync(cancellationToken));
        }

        foreach (var row in rows)
        {
            var article = after.Articles[afterIndex[row.Key]];
            var old = before.Articles[oldIndex[row.Key]];
            row.Ordinal = afterIndex[row.Key];
            row.Title = article.Title;
            row.Status = article.Status;
            row.AssigneeId = article.AssigneeId;
            row.Confidence = article.Confidence;
            if (!ReferenceEquals(old.Layers, article.Layers))
            {
                row.Layers = ArticleLayers.Write(article.Layers);
            }
            if (article.Status == ArticleStatus.Submitted && submitted.TryGetValue(row.Key, out var sub))
            {
                (row.SubmittedAt, row.SubmittedBy) = (sub.At, sub.By);
            }
            else if (old.Status == ArticleStatus.Submitted && article.Status != ArticleStatus.Submitted)
            {
                (row.SubmittedAt, row.SubmittedBy) = (null, null);
            }

            if (authors.TryGetValue(row.Key, out var author))
            {
                row.ContentChangedBy = author;
            }

            if (reshaped.Contains(row.Key))
            {
                row.Blocks.Clear();
                for (var b = 0; b < article.Blocks.Count; b++)
                {
                    var block = article.Blocks[b];
                    row.Blocks.Add(new Block { Ordinal = b, Role = block.Role, FirstLine = block.FirstLine, LastLine = block.LastLine });
                }
            }
        }
    }

    /// <summary>
    /// One column of several of the page's article rows, each its own value, in one statement: <c>SET Column = CASE Key WHEN …
    /// END</c>, with the table and column names from the model. The new places of articles whose only change is their place (a
    /// split or a merge shifts every later article); the last content author of articles whose only change is their content.
    /// </summary>
    private static async Task SetByKeyAsync(WorkbenchDbContext db, int pageId, string property, List<(int Key, object Value)> values, CancellationToken cancellationToken)
    {
        if (values.Count == 0)
        {
            return;
        }

        var type = db.Model.FindEntityType(typeof(Article))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        string Column(string name) => sql.DelimitIdentifier(type.FindProperty(name)!.GetColumnName(table)!);
        var (key, column, page) = (Column(nameof(Article.Key)), Column(property), Column(nameof(Article.PageId)));
        var text = new System.Text.StringBuilder($"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET {column} = CASE {key}");
        var parameters = new List<object> { pageId };
        foreach (var (k, v) in values)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $" WHEN {{{parameters.Count}}} THEN {{{parameters.Count + 1}}}");
            parameters.Add(k);
            parameters.Add(v);
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $" ELSE {column} END WHERE {page} = {{0}} AND {key} IN (");
        text.AppendJoin(", ", values.Select((_, i) => $"{{{(2 * i) + 1}}}"));
        text.Append(')');
        await db.Database.ExecuteSqlRawAsync(text.ToString(), parameters, cancellationToken);
    }

    /// <summary>Entities changed in place (tracked, changed columns only), new ones inserted, removed ones deleted.</summary>
    public static async Task WriteEntitiesAsync(WorkbenchDbContext db, int pageId, PageState before, PageState after, PageChanges changes, CancellationToken cancellationToken)
    {
        var existed = before.Entities.Select(e => e.Key).ToHashSet();
        var removed = changes.RemovedEntities.Where(existed.Contains).ToList();
        if (removed.Count > 0)
        {
            await db.Entities.Where(e => e.PageId == pageId && removed.Contains(e.Key)).ExecuteDeleteAsync(cancellationToken);
        }

        var changed = new List<int>();
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
            }
            else if (before.FindEntity(key) != entity)
            {
                changed.Add(key);
            }
        }

        if (changed.Count == 0)
        {
            return;
        }

        foreach (var row in await db.Entities.Where(x => x.PageId == pageId && changed.Contains(x.Key)).ToListAsync(cancellationToken))
        {
            EntityState e = after.FindEntity(row.Key)!;
            (row.Label, row.StartLine, row.StartOffset, row.EndLine, row.EndOffset, row.Text, row.Source, row.Layer) =
                (e.Label, e.Start.Line, e.Start.Offset, e.End.Line, e.End.Offset, e.Text, e.Source, e.Layer);
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
            foreach (var entity in after.Entities.Where(e => e.Layer is null && lines.Contains(e.Start.Line) && e.Text.Length <= GazetteerTerm.MaxText))
            {
                db.GazetteerTerms.Add(new GazetteerTerm { ProjectId = projectId, PageId = pageId, ArticleKey = article.Key, Text = entity.Text, Label = entity.Label });
            }
        }
    }
}
