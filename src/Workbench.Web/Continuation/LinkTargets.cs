using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Continuation;

/// <param name="Locked">Why the article may not be linked (edited), as <see cref="ArticleLock"/> words it, or null.</param>
public sealed record LinkTargetArticle(int Key, string Title, string Status, string? Locked);

public sealed record LinkTargetPage(int Id, string SourceName, int? PageNumber, IReadOnlyList<LinkTargetArticle> Articles);

/// <summary>What the "link continuation" picker offers: other pages of the same issue (else of the project, first ones by name).</summary>
public static class LinkTargets
{
    public const int MaxPages = 200;

    public static async Task<IReadOnlyList<LinkTargetPage>> ForPageAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken)
    {
        var page = await db.Pages.AsNoTracking().FirstAsync(p => p.Id == pageId, cancellationToken);
        var pages = ArticleLinks.SameIssue(db, page) ?? db.Pages.AsNoTracking().Where(p => p.ProjectId == page.ProjectId);
        var chosen = await pages.Where(p => p.Id != pageId)
            .OrderBy(p => p.PageNumber).ThenBy(p => p.SourceName).Take(MaxPages)
            .Select(p => new { p.Id, p.SourceName, p.PageNumber }).ToListAsync(cancellationToken);
        var ids = chosen.Select(p => p.Id).ToList();
        var articles = (await db.Articles.AsNoTracking().Where(a => ids.Contains(a.PageId)).OrderBy(a => a.Ordinal)
            .Select(a => new { a.PageId, a.Key, a.Title, a.Status }).ToListAsync(cancellationToken))
            .ToLookup(a => a.PageId);
        return chosen.Select(p => new LinkTargetPage(p.Id, p.SourceName, p.PageNumber,
            articles[p.Id].Select(a => new LinkTargetArticle(a.Key, a.Title, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(a.Status.ToString()), ArticleLock.ReasonOf(a.Status))).ToList())).ToList();
    }
}
