using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Export;

/// <summary>Who worked on each exported article: its annotators from the page's log, its reviewer.</summary>
public static partial class ProjectExport
{
    /// <summary>A page's articles' people: the distinct authors of content changes, and who approved each.</summary>
    private sealed record People(Dictionary<int, IReadOnlyList<string>> Annotators, Dictionary<int, string> Reviewers)
    {
        public static People None { get; } = new([], []);
    }

    /// <summary>
    /// Per page and article: the distinct authors (user names, in order of first content change) of content-changing
    /// operations, and the author of the latest operation that set it to approved. One query for the pages' logs.
    /// </summary>
    private static Dictionary<int, People> PeopleOf(WorkbenchDbContext db, IReadOnlyCollection<int> pageIds, Dictionary<string, string> userNames)
    {
        var operations = db.Operations.AsNoTracking()
            .Where(o => pageIds.Contains(o.PageId) && o.ArticleKey != null)
            .OrderBy(o => o.PageId).ThenBy(o => o.Sequence)
            .Select(o => new { o.PageId, o.AuthorId, o.ArticleKey, o.ChangesContent, o.Kind, o.Payload })
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
        var result = new Dictionary<int, People>();
        foreach (var page in operations.GroupBy(o => o.PageId))
        {
            var annotators = new Dictionary<int, List<string>>();
            var reviewers = new Dictionary<int, string>();
            foreach (var operation in page)
            {
                var key = operation.ArticleKey!.Value;
                if (operation.ChangesContent)
                {
                    var list = annotators.TryGetValue(key, out var existing) ? existing : annotators[key] = [];
                    var name = NameOf(operation.AuthorId);
                    if (!list.Contains(name, StringComparer.Ordinal))
                    {
                        list.Add(name);
                    }
                }

                if (operation.Kind is OperationKinds.SetStatus or OperationKinds.Batch
                    && PageOperationJson.TryDeserialize(operation.Payload) is { } parsed
                    && Flatten(parsed).OfType<SetStatus>().Any(s => s.ArticleKey == key && s.Status == ArticleStatus.Approved))
                {
                    reviewers[key] = NameOf(operation.AuthorId); // operations are in order: the last one wins
                }
            }

            result[page.Key] = new People(annotators.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), reviewers);
        }

        return result;
    }

    private static IEnumerable<PageOperation> Flatten(PageOperation operation) =>
        operation is Batch batch ? batch.Operations.SelectMany(Flatten) : [operation];
}
