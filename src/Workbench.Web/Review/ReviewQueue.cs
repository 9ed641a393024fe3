using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Review;

/// <summary>Filters of the review queue; all optional.</summary>
public sealed record QueueFilter(string? Publication, DateOnly? From, DateOnly? To, string? Annotator, string? Label);

public sealed record QueueRow(int PageId, string SourceName, string? Publication, DateOnly? IssueDate, int ArticleKey, string Title,
    string? SubmitterId, string? AssigneeId, DateTimeOffset? SubmittedAt, int Entities);

/// <summary>Submitted articles of a project, oldest submission first, counted and paged in SQL.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The review queue is the product's name for this list; it is not a Queue<T>.")]
public static class ReviewQueue
{
    public const int PageSize = 50;

    public static async Task<(IReadOnlyList<QueueRow> Rows, int Total)> ListAsync(WorkbenchDbContext db, int projectId, QueueFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var articles = db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Submitted)
            .Join(db.Pages.Where(p => p.ProjectId == projectId), a => a.PageId, p => p.Id, (a, p) => new { a, p });
        if (!string.IsNullOrEmpty(filter.Publication))
        {
            articles = articles.Where(x => x.p.Publication == filter.Publication);
        }

        if (filter.From is { } from)
        {
            articles = articles.Where(x => x.p.IssueDate >= from);
        }

        if (filter.To is { } to)
        {
            articles = articles.Where(x => x.p.IssueDate <= to);
        }

        if (!string.IsNullOrEmpty(filter.Label))
        {
            var label = filter.Label;
            articles = articles.Where(x => db.Entities.Any(e => e.PageId == x.a.PageId && e.Layer == null && e.Label == label
                && x.a.Blocks.Any(b => e.StartLine >= b.FirstLine && e.StartLine <= b.LastLine)));
        }

        // When and by whom: kept on the article by the edit path, so the order comes from the (Status, SubmittedAt, PageId, Key)
        // index and a page of the queue reads 50 rows, not every submitted article of the project.
        var rows = articles.Select(x => new
        {
            x.p.Id, x.p.SourceName, x.p.Publication, x.p.IssueDate, x.a.Key, x.a.Title, x.a.AssigneeId, ArticleId = x.a.Id,
            SubmitterId = x.a.SubmittedBy, x.a.SubmittedAt, x.a.PageId,
        });
        if (!string.IsNullOrEmpty(filter.Annotator))
        {
            var annotator = filter.Annotator;
            rows = rows.Where(r => r.AssigneeId == annotator || r.SubmitterId == annotator);
        }

        var total = await rows.CountAsync(cancellationToken);
        page = Math.Max(1, page);
        var list = await rows
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.PageId).ThenBy(r => r.Key)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);

        // Entity counts only for the rows shown: counted in the ordered query, SQLite would count them for every
        // submitted article of the project before sorting.
        var shown = list.Select(r => r.ArticleId).ToList();
        var entities = await db.Articles.AsNoTracking().Where(a => shown.Contains(a.Id))
            .Select(a => new { a.Id, Count = db.Entities.Count(e => e.PageId == a.PageId && e.Layer == null && a.Blocks.Any(b => e.StartLine >= b.FirstLine && e.StartLine <= b.LastLine)) })
            .ToDictionaryAsync(a => a.Id, a => a.Count, cancellationToken);
        return (list.Select(r => new QueueRow(r.Id, r.SourceName, r.Publication, r.IssueDate, r.Key, r.Title,
            r.SubmitterId, r.AssigneeId, r.SubmittedAt, entities.GetValueOrDefault(r.ArticleId))).ToList(), total);
    }

    public static async Task<IReadOnlyList<string>> PublicationsAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default) =>
        await db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId && p.Publication != null)
            .Select(p => p.Publication!).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);
}
