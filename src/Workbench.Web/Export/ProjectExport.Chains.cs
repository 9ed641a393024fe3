using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;

namespace Workbench.Web.Export;

/// <summary>Continued articles: the parts that form one logical article, and the pages they join into one split group.</summary>
public static partial class ProjectExport
{
    /// <summary>
    /// The parts of every continued article of the project, in page order, keyed by each part: connected live links
    /// (both articles exist) form one logical article; parts are ordered by page number, then page id, then article order.
    /// </summary>
    public static Dictionary<(int PageId, int Key), IReadOnlyList<(int PageId, int Key)>> Chains(WorkbenchDbContext db, int projectId)
    {
        var links = db.ArticleLinks.AsNoTracking().Where(l => l.ProjectId == projectId)
            .Select(l => new { l.FromPageId, l.FromArticleKey, l.ToPageId, l.ToArticleKey }).ToList();
        var result = new Dictionary<(int, int), IReadOnlyList<(int, int)>>();
        if (links.Count == 0)
        {
            return result;
        }

        var pageIds = links.SelectMany(l => new[] { l.FromPageId, l.ToPageId }).Distinct().ToList();
        var articles = db.Articles.AsNoTracking().Where(a => pageIds.Contains(a.PageId))
            .Select(a => new { a.PageId, a.Key, a.Ordinal, Number = db.Pages.Where(p => p.Id == a.PageId).Select(p => p.PageNumber).First() })
            .ToList()
            .ToDictionary(a => (a.PageId, a.Key));
        var parent = new Dictionary<(int, int), (int, int)>();
        (int, int) Find((int, int) x)
        {
            while (parent.TryGetValue(x, out var up) && up != x)
            {
                x = up;
            }

            return x;
        }

        foreach (var link in links)
        {
            var a = (link.FromPageId, link.FromArticleKey);
            var b = (link.ToPageId, link.ToArticleKey);
            if (!articles.ContainsKey(a) || !articles.ContainsKey(b) || a.FromPageId == b.ToPageId)
            {
                continue; // dead link (an article merged away or removed), or a link within one page
            }

            parent.TryAdd(a, a);
            parent.TryAdd(b, b);
            parent[Find(a)] = Find(b);
        }

        foreach (var group in parent.Keys.GroupBy(Find))
        {
            var chain = group
                .OrderBy(p => articles[p].Number ?? int.MaxValue).ThenBy(p => p.Item1).ThenBy(p => articles[p].Ordinal)
                .ToList();
            foreach (var part in chain)
            {
                result[part] = chain;
            }
        }

        return result;
    }

    /// <summary>Pages joined by continued articles (transitively) → the ordinal-least source name among them.</summary>
    private static Dictionary<int, string> PageGroups(WorkbenchDbContext db, Dictionary<(int PageId, int Key), IReadOnlyList<(int PageId, int Key)>> chains)
    {
        var result = new Dictionary<int, string>();
        if (chains.Count == 0)
        {
            return result;
        }

        var pageIds = chains.Keys.Select(k => k.PageId).Distinct().ToList();
        var names = db.Pages.AsNoTracking().Where(p => pageIds.Contains(p.Id)).Select(p => new { p.Id, p.SourceName }).ToList().ToDictionary(p => p.Id, p => p.SourceName);
        var parent = pageIds.ToDictionary(id => id, id => id);
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x];
            }

            return x;
        }

        foreach (var chain in chains.Values)
        {
            foreach (var part in chain.Skip(1))
            {
                parent[Find(part.PageId)] = Find(chain[0].PageId);
            }
        }

        foreach (var group in pageIds.GroupBy(Find))
        {
            var name = group.Select(id => names.GetValueOrDefault(id, "")).Min(StringComparer.Ordinal)!;
            foreach (var id in group)
            {
                result[id] = name;
            }
        }

        return result;
    }
}
