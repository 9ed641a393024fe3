using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Web.Data;

namespace Workbench.Web.Export;

/// <summary>
/// A project's articles in export form, page by page (pages in import order, i.e. by <see cref="Page.Id"/>; articles
/// in page order), one page's state in memory at a time. Enumeration is synchronous because
/// <see cref="Exporter.Run"/> is; it runs the page queries as it goes, so enumerate it once, on one thread.
/// </summary>
/// <remarks>
/// Article ids are <c>{first 12 hex digits of the page's SHA-256}-{article key}</c>: stable across exports and across
/// re-imports of the same file into another database (same bytes → same hash; the segmenter and the annotation import
/// are deterministic, so keys are too). Edits that split or merge articles create new keys; ids of untouched articles stay.
/// </remarks>
public static partial class ProjectExport
{
    public const string StatusApproved = "approved";
    public const string StatusAll = "all";

    /// <summary>The article id used in exports.</summary>
    public static string ArticleId(Page page, int articleKey) => ArticleId(page.Sha256, articleKey);

    private static string ArticleId(string pageSha256, int articleKey) =>
        $"{pageSha256[..Math.Min(12, pageSha256.Length)]}-{articleKey.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// How many articles each split would get, from the article ids alone (no page is loaded): so the export page can warn
    /// before a download that a split would be empty. Continued articles' later parts are counted too, so a count may be a
    /// little high; an empty split is empty.
    /// </summary>
    public static async Task<IReadOnlyList<(string Split, int Articles)>> SplitPreviewAsync(WorkbenchDbContext db, int projectId, string status, SplitRatios ratios, string seed, string format, CancellationToken cancellationToken = default)
    {
        var all = string.Equals(status, StatusAll, StringComparison.Ordinal);
        var rows = await db.Articles.AsNoTracking()
            .Where(a => all || a.Status == ArticleStatus.Approved)
            .Join(db.Pages.Where(p => p.ProjectId == projectId), a => a.PageId, p => p.Id, (a, p) => new { p.Sha256, p.SourceName, a.Key })
            .ToListAsync(cancellationToken);
        var assigner = new SplitAssigner(ratios, seed);

        // The segmentation export splits by page (one item per page), the others by article.
        var items = format == ExportFormats.Segmentation
            ? rows.Select(r => r.SourceName).Distinct(StringComparer.Ordinal)
            : rows.Select(r => ArticleId(r.Sha256, r.Key));
        var counts = assigner.Names.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        foreach (var item in items)
        {
            counts[assigner.Assign(item)]++;
        }

        return assigner.Names.Select(n => (n, counts[n])).ToList();
    }

    /// <summary>
    /// Articles of the project, approved ones only unless <paramref name="status"/> is "all". An article continued over
    /// several pages (live <see cref="ArticleLink"/>s) is written once, where its first part comes, as
    /// <see cref="ContinuedArticles.Join"/> of its parts with the first part's id; with "approved" it is written only
    /// when every part is approved, otherwise its parts are counted in <see cref="ExportCounters.HeldBack"/>.
    /// With <paramref name="partsOnTheirPages"/> (the segmentation export, see <see cref="ExportFormats.KeepsPartsOnTheirPages"/>)
    /// each part is written on its own page instead, with its own blocks and text, and every part carries the same
    /// <see cref="ExportArticle.Parts"/>, so every page of a continued article is written; approval is still all parts or none.
    /// </summary>
    public static IEnumerable<ExportArticle> Articles(WorkbenchDbContext db, int projectId, string status = StatusApproved, ExportCounters? counters = null, bool partsOnTheirPages = false, CancellationToken cancellationToken = default)
    {
        var all = string.Equals(status, StatusAll, StringComparison.Ordinal);
        var pageIds = all
            ? db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Id).Select(p => p.Id).ToList()
            : db.Pages.AsNoTracking()
                .Where(p => p.ProjectId == projectId && db.Articles.Any(a => a.PageId == p.Id && a.Status == ArticleStatus.Approved))
                .OrderBy(p => p.Id).Select(p => p.Id).ToList();
        var chains = Chains(db, projectId);
        var pageGroups = PageGroups(db, chains);
        var itemTypes = ItemTypes(db, projectId);
        var userNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var relationsCounted = new HashSet<int>();
        // Pages are read a batch at a time (four queries for the batch's rows, one for its log), not four round trips a page.
        Dictionary<int, (Page Page, PageState State)> batch = [];
        Dictionary<int, People> people = [];
        for (var index = 0; index < pageIds.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pageId = pageIds[index];
            if (index % ReadBatch == 0)
            {
                var ids = pageIds.Skip(index).Take(ReadBatch).ToList();
                batch = new(PageStore.LoadManyAsync(db, ids, cancellationToken).GetAwaiter().GetResult());
                people = PeopleOf(db, ids, userNames);
            }

            if (!batch.TryGetValue(pageId, out var loaded))
            {
                continue; // deleted meanwhile
            }

            var (page, state) = (loaded.Page, Layers.GoldOnly(loaded.State)); // independent annotation: gold, never a layer
            var keys = state.Articles.Where(a => all || a.Status == ArticleStatus.Approved).Select(a => a.Key).ToHashSet();
            if (keys.Count == 0)
            {
                continue;
            }

            if (counters is not null && page.RelationsNotImported > 0 && relationsCounted.Add(page.Id))
            {
                counters.RelationsNotImported += page.RelationsNotImported;
            }

            foreach (var article in state.Articles)
            {
                if (!keys.Contains(article.Key))
                {
                    continue;
                }

                if (chains.TryGetValue((pageId, article.Key), out var chain))
                {
                    var isFirst = chain[0] == (pageId, article.Key);
                    if (!isFirst && !partsOnTheirPages)
                    {
                        continue; // written with its first part
                    }

                    var parts = chain.Select(p => Part(db, p.PageId, p.Key, userNames, itemTypes, cancellationToken)).ToList();
                    if (parts.Any(p => p is null))
                    {
                        continue; // a part vanished meanwhile; the link is dead and the next export writes the parts alone
                    }

                    if (!all && parts.Any(p => p!.Value.Article.Status != StatusApproved))
                    {
                        if (counters is not null && isFirst)
                        {
                            counters.HeldBack += parts.Count(p => p!.Value.Article.Status == StatusApproved);
                        }

                        continue;
                    }

                    if (partsOnTheirPages)
                    {
                        var joinedParts = ContinuedArticles.Join(ArticleId(page, article.Key), parts.Select(p => p!.Value).ToList()).Parts;
                        var own = parts[chain.ToList().IndexOf((pageId, article.Key))]!.Value.Article;
                        yield return own with { Parts = joinedParts, PageGroup = pageGroups.GetValueOrDefault(pageId) };
                        continue;
                    }

                    yield return ContinuedArticles.Join(ArticleId(page, article.Key), parts.Select(p => p!.Value).ToList()) with { PageGroup = pageGroups.GetValueOrDefault(pageId) };
                    continue;
                }

                if (Part(db, page, state, article.Key, people.GetValueOrDefault(pageId) ?? People.None, userNames, itemTypes) is { } exported)
                {
                    yield return exported with { PageGroup = pageGroups.GetValueOrDefault(pageId) };
                }
            }
        }
    }

    private static (ExportArticle Article, int ArticleKey)? Part(WorkbenchDbContext db, int pageId, int key, Dictionary<string, string> userNames, Dictionary<(int, int), string> itemTypes, CancellationToken cancellationToken)
    {
        var loaded = PageStore.LoadAsync(db, pageId, cancellationToken).GetAwaiter().GetResult();
        return loaded is { } l && Part(db, l.Page, Layers.GoldOnly(l.State), key, PeopleOf(db, [pageId], userNames).GetValueOrDefault(pageId) ?? People.None, userNames, itemTypes) is { } article ? (article, key) : null;
    }

    /// <summary>The item types files declared for the project's articles, by (page id, article key); one query, usually empty.</summary>
    private static Dictionary<(int, int), string> ItemTypes(WorkbenchDbContext db, int projectId) =>
        db.Articles.AsNoTracking()
            .Where(a => a.ItemType != null && db.Pages.Any(p => p.Id == a.PageId && p.ProjectId == projectId))
            .Select(a => new { a.PageId, a.Key, a.ItemType })
            .ToList()
            .ToDictionary(a => (a.PageId, a.Key), a => a.ItemType!);

    private static ExportArticle? Part(WorkbenchDbContext db, Page page, PageState state, int key, People people, Dictionary<string, string> userNames, Dictionary<(int, int), string> itemTypes)
    {
        var (annotators, reviewers) = (people.Annotators, people.Reviewers);
        var format = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(page.Format.ToString());

        // Independent annotation: the annotators of a curated article are those whose layers it was merged from.
        var layers = state.FindArticle(key)?.LayerList ?? [];
        return ExportArticles.From(
            state,
            key,
            Info(page),
            ArticleId(page, key),
            layers.Count > 0 ? LayerAnnotators(db, layers, userNames) : annotators.TryGetValue(key, out var who) ? who : [],
            reviewers.GetValueOrDefault(key),
            format) is { } article ? article with { ItemType = itemTypes.GetValueOrDefault((page.Id, key)) } : null;
    }

    /// <summary>The user names of an article's layer annotators, in layer order (ids of users since deleted as they are).</summary>
    private static IReadOnlyList<string> LayerAnnotators(WorkbenchDbContext db, IReadOnlyList<LayerState> layers, Dictionary<string, string> userNames)
    {
        var missing = layers.Select(l => l.Annotator).Where(id => !userNames.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var user in db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToList())
            {
                userNames[user.Id] = user.UserName ?? user.Id;
            }
        }

        return [.. layers.Select(l => userNames.TryGetValue(l.Annotator, out var name) ? name : l.Annotator).Distinct(StringComparer.Ordinal)];
    }

    public static ExportPageInfo Info(Page page) => new(
        page.SourceName,
        page.Publication,
        page.IssueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        page.PageNumber);

    /// <summary>Pages read at a time by <see cref="Articles"/>.</summary>
    private const int ReadBatch = 200;

}
