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
public static class ProjectExport
{
    public const string StatusApproved = "approved";
    public const string StatusAll = "all";

    /// <summary>The article id used in exports.</summary>
    public static string ArticleId(Page page, int articleKey) =>
        $"{page.Sha256[..Math.Min(12, page.Sha256.Length)]}-{articleKey.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Articles of the project, approved ones only unless <paramref name="status"/> is "all".</summary>
    public static IEnumerable<ExportArticle> Articles(WorkbenchDbContext db, int projectId, string status = StatusApproved, CancellationToken cancellationToken = default)
    {
        var all = string.Equals(status, StatusAll, StringComparison.Ordinal);
        var pageIds = all
            ? db.Pages.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.Id).Select(p => p.Id).ToList()
            : db.Pages.AsNoTracking()
                .Where(p => p.ProjectId == projectId && db.Articles.Any(a => a.PageId == p.Id && a.Status == ArticleStatus.Approved))
                .OrderBy(p => p.Id).Select(p => p.Id).ToList();
        var userNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pageId in pageIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var loaded = PageStore.LoadAsync(db, pageId, cancellationToken).GetAwaiter().GetResult();
            if (loaded is null)
            {
                continue; // deleted meanwhile
            }

            var (page, state, _) = loaded.Value;
            var keys = state.Articles.Where(a => all || a.Status == ArticleStatus.Approved).Select(a => a.Key).ToHashSet();
            if (keys.Count == 0)
            {
                continue;
            }

            var (annotators, reviewers) = People(db, pageId, keys, userNames);
            var info = Info(page);
            var format = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(page.Format.ToString());
            foreach (var article in state.Articles)
            {
                if (!keys.Contains(article.Key))
                {
                    continue;
                }

                var exported = ExportArticles.From(
                    state,
                    article.Key,
                    info,
                    ArticleId(page, article.Key),
                    annotators.TryGetValue(article.Key, out var who) ? who : [],
                    reviewers.GetValueOrDefault(article.Key),
                    format);
                if (exported is not null)
                {
                    yield return exported;
                }
            }
        }
    }

    public static ExportPageInfo Info(Page page) => new(
        page.SourceName,
        page.Publication,
        page.IssueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        page.PageNumber);

    /// <summary>
    /// Per article: the distinct authors (user names, in order of first content change) of content-changing operations,
    /// and the author of the latest operation that set it to approved.
    /// </summary>
    private static (Dictionary<int, IReadOnlyList<string>> Annotators, Dictionary<int, string> Reviewers) People(
        WorkbenchDbContext db, int pageId, HashSet<int> keys, Dictionary<string, string> userNames)
    {
        var operations = db.Operations.AsNoTracking()
            .Where(o => o.PageId == pageId && o.ArticleKey != null)
            .OrderBy(o => o.Sequence)
            .Select(o => new { o.AuthorId, o.ArticleKey, o.ChangesContent, o.Kind, o.Payload })
            .ToList();
        var missing = operations.Select(o => o.AuthorId).Distinct().Where(id => !userNames.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var user in db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToList())
            {
                userNames[user.Id] = user.UserName ?? user.Id;
            }
        }

        string NameOf(string id) => userNames.TryGetValue(id, out var name) ? name : id;
        var annotators = new Dictionary<int, List<string>>();
        var reviewers = new Dictionary<int, string>();
        foreach (var operation in operations)
        {
            var key = operation.ArticleKey!.Value;
            if (!keys.Contains(key))
            {
                continue;
            }

            if (operation.ChangesContent)
            {
                var list = annotators.TryGetValue(key, out var existing) ? existing : annotators[key] = [];
                var name = NameOf(operation.AuthorId);
                if (!list.Contains(name, StringComparer.Ordinal))
                {
                    list.Add(name);
                }
            }

            if (operation.Kind is "setStatus" or "batch"
                && PageOperationJson.TryDeserialize(operation.Payload) is { } parsed
                && Flatten(parsed).OfType<SetStatus>().Any(s => s.ArticleKey == key && s.Status == ArticleStatus.Approved))
            {
                reviewers[key] = NameOf(operation.AuthorId); // operations are in order: the last one wins
            }
        }

        return (annotators.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), reviewers);
    }

    private static IEnumerable<PageOperation> Flatten(PageOperation operation) =>
        operation is Batch batch ? batch.Operations.SelectMany(Flatten) : [operation];
}
