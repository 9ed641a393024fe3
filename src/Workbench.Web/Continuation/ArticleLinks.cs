using Microsoft.EntityFrameworkCore;
using Workbench.Core.Continuation;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Continuation;

/// <summary>One side of a continuation as the editor shows it: this page's article, the other page and its article.</summary>
public sealed record ContinuationDto(int LinkId, int ArticleKey, string Direction, int OtherPageId, int? OtherPageNumber, string OtherSourceName, int OtherArticleKey, string OtherTitle, string Source);

/// <summary>A marker whose other part was not found: shown as the page number it names, unresolved.</summary>
public sealed record UnresolvedMarkerDto(int ArticleKey, string Direction, int PageNumber);

/// <summary>
/// Continuation links between article parts on different pages. Links are rows keyed by (page, article key) at both ends.
/// Keys are never reused on a page (Core hands out new keys from a counter), so after a split the original key (and its
/// links) stays with the first part, after a merge the surviving article keeps its links, and a link whose article was
/// merged away or removed resolves to nothing: it is ignored everywhere (and comes back if an undo restores the article).
/// Resegmenting a page reuses keys, so it deletes the page's links first.
/// </summary>
public static class ArticleLinks
{
    public const string From = "from";
    public const string On = "on";

    /// <summary>Links consecutive parts (in page order) of each METS article of one issue import.</summary>
    public static async Task<int> LinkMetsIssueAsync(WorkbenchDbContext db, int projectId, IReadOnlyList<int> pageIdsInOrder, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var order = pageIdsInOrder.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var parts = await db.Articles.AsNoTracking()
            .Where(a => pageIdsInOrder.Contains(a.PageId) && a.ExternalId != null)
            .Select(a => new { a.PageId, a.Key, a.ExternalId, a.Ordinal })
            .ToListAsync(cancellationToken);
        var added = 0;
        foreach (var group in parts.GroupBy(p => p.ExternalId, StringComparer.Ordinal))
        {
            var chain = group.OrderBy(p => order[p.PageId]).ThenBy(p => p.Ordinal).ToList();
            for (var i = 1; i < chain.Count; i++)
            {
                if (chain[i - 1].PageId != chain[i].PageId
                    && await AddAsync(db, projectId, chain[i - 1].PageId, chain[i - 1].Key, chain[i].PageId, chain[i].Key, LinkSource.Mets, null, now, cancellationToken))
                {
                    added++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// Resolves the continuation markers of one page against the other pages of its issue, both ways (the page may
    /// name a later page, or be named by an earlier one imported before it). A marker is linked only when the named
    /// page holds exactly one article with the reverse marker naming this page.
    /// </summary>
    public static async Task<int> LinkMarkersAsync(WorkbenchDbContext db, int pageId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var loaded = await PageStore.LoadAsync(db, pageId, cancellationToken);
        return loaded is null ? 0 : await LinkMarkersAsync(db, loaded.Value.Page, loaded.Value.State, now, cancellationToken);
    }

    /// <inheritdoc cref="LinkMarkersAsync(WorkbenchDbContext, int, DateTimeOffset, CancellationToken)"/>
    /// <remarks>A page without markers costs nothing here (no query), which keeps bulk imports fast.</remarks>
    public static async Task<int> LinkMarkersAsync(WorkbenchDbContext db, Page page, PageState state, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var markers = MarkersOf(state).ToList();
        if (markers.Count == 0 || page.PageNumber is not { } number || SameIssue(db, page) is not { } issue)
        {
            return 0;
        }

        var pageId = page.Id;
        var added = 0;
        foreach (var (articleKey, marker) in markers)
        {
            var others = await issue.Where(p => p.Id != pageId && p.PageNumber == marker.Page).Select(p => p.Id).ToListAsync(cancellationToken);
            foreach (var otherId in others)
            {
                var other = await PageStore.LoadAsync(db, otherId, cancellationToken);
                var reverse = marker.Direction == MarkerDirection.On ? MarkerDirection.From : MarkerDirection.On;
                var matches = other is null ? [] : MarkersOf(other.Value.State).Where(m => m.Marker.Direction == reverse && m.Marker.Page == number).Select(m => m.ArticleKey).Distinct().ToList();
                if (matches.Count != 1)
                {
                    continue;
                }

                var added1 = marker.Direction == MarkerDirection.On
                    ? await AddAsync(db, page.ProjectId, pageId, articleKey, otherId, matches[0], LinkSource.Marker, null, now, cancellationToken)
                    : await AddAsync(db, page.ProjectId, otherId, matches[0], pageId, articleKey, LinkSource.Marker, null, now, cancellationToken);
                added += added1 ? 1 : 0;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>The markers in each article's lines, with the article's key.</summary>
    public static IEnumerable<(int ArticleKey, ContinuationMarker Marker)> MarkersOf(PageState state) =>
        state.Articles.SelectMany(a => ContinuationMarkers.Find(PageStates.LinesOf(a).Where(state.Lines.ContainsKey).Select(n => (n, state.Lines[n].Text))).Select(m => (a.Key, m)));

    /// <summary>Adds a link unless it exists; true when added. Saved by the caller.</summary>
    public static async Task<bool> AddAsync(WorkbenchDbContext db, int projectId, int fromPageId, int fromKey, int toPageId, int toKey, LinkSource source, string? userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.ArticleLinks.AnyAsync(l => l.FromPageId == fromPageId && l.FromArticleKey == fromKey && l.ToPageId == toPageId && l.ToArticleKey == toKey, cancellationToken)
            || db.ArticleLinks.Local.Any(l => l.FromPageId == fromPageId && l.FromArticleKey == fromKey && l.ToPageId == toPageId && l.ToArticleKey == toKey))
        {
            return false;
        }

        db.ArticleLinks.Add(new ArticleLink
        {
            ProjectId = projectId, FromPageId = fromPageId, FromArticleKey = fromKey, ToPageId = toPageId, ToArticleKey = toKey,
            Source = source, CreatedById = userId, CreatedAt = now,
        });
        return true;
    }

    /// <summary>The pages of the same issue as <paramref name="page"/>: same METS import, or same publication and issue date.</summary>
    public static IQueryable<Page>? SameIssue(WorkbenchDbContext db, Page page)
    {
        if (page.IssueKey is { } key)
        {
            return db.Pages.AsNoTracking().Where(p => p.ProjectId == page.ProjectId && p.IssueKey == key);
        }

        if (page.IssueDate is { } date)
        {
            return db.Pages.AsNoTracking().Where(p => p.ProjectId == page.ProjectId && p.IssueDate == date && p.Publication == page.Publication);
        }

        return null;
    }

    /// <summary>The live links of a page (both ends' articles exist), from this page's side.</summary>
    public static async Task<IReadOnlyList<ContinuationDto>> ForPageAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default)
    {
        var rows = await db.ArticleLinks.AsNoTracking().Where(l => l.FromPageId == pageId || l.ToPageId == pageId).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var pageIds = rows.SelectMany(l => new[] { l.FromPageId, l.ToPageId }).Distinct().ToList();
        var articles = await db.Articles.AsNoTracking().Where(a => pageIds.Contains(a.PageId)).Select(a => new { a.PageId, a.Key, a.Title }).ToListAsync(cancellationToken);
        var titles = articles.ToDictionary(a => (a.PageId, a.Key), a => a.Title);
        var pages = await db.Pages.AsNoTracking().Where(p => pageIds.Contains(p.Id)).Select(p => new { p.Id, p.PageNumber, p.SourceName }).ToDictionaryAsync(p => p.Id, cancellationToken);
        var result = new List<ContinuationDto>();
        foreach (var link in rows.Where(l => titles.ContainsKey((l.FromPageId, l.FromArticleKey)) && titles.ContainsKey((l.ToPageId, l.ToArticleKey))))
        {
            if (link.FromPageId == pageId)
            {
                var other = pages[link.ToPageId];
                result.Add(new ContinuationDto(link.Id, link.FromArticleKey, On, other.Id, other.PageNumber, other.SourceName, link.ToArticleKey, titles[(link.ToPageId, link.ToArticleKey)], Name(link.Source)));
            }

            if (link.ToPageId == pageId)
            {
                var other = pages[link.FromPageId];
                result.Add(new ContinuationDto(link.Id, link.ToArticleKey, From, other.Id, other.PageNumber, other.SourceName, link.FromArticleKey, titles[(link.FromPageId, link.FromArticleKey)], Name(link.Source)));
            }
        }

        return result;
    }

    /// <summary>Markers of the page that no live link answers: shown with the page number they name.</summary>
    public static IReadOnlyList<UnresolvedMarkerDto> Unresolved(PageState state, IReadOnlyList<ContinuationDto> links) =>
        MarkersOf(state)
            .Select(m => new UnresolvedMarkerDto(m.ArticleKey, m.Marker.Direction == MarkerDirection.On ? On : From, m.Marker.Page))
            .Where(m => !links.Any(l => l.ArticleKey == m.ArticleKey && l.Direction == m.Direction))
            .Distinct()
            .ToList();

    private static string Name(LinkSource source) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(source.ToString());
}
