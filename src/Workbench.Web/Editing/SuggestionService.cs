using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Tagging;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>A suggestion as the workbench shows it (dashed, until accepted or rejected).</summary>
public sealed record SuggestionView(int ArticleKey, string Label, Anchor Start, Anchor End, string Text, EntitySource Source, string RuleName, string RejectionKey);

/// <summary>
/// Suggestions for a page's articles from the project's approved work (gazetteer), the built-in date and
/// organisation rules, and the admins' pattern rules; minus what editors rejected on that article.
/// </summary>
public sealed class SuggestionService(WorkbenchDbContext db)
{
    public async Task<IReadOnlyList<SuggestionView>> ForPageAsync(int projectId, PageState state, int pageId, int? articleKey, CancellationToken cancellationToken = default)
    {
        var labels = await db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);
        var patterns = await db.LabelPatterns.AsNoTracking().Where(p => p.ProjectId == projectId).ToListAsync(cancellationToken);
        var terms = await db.GazetteerTerms.AsNoTracking().Where(t => t.ProjectId == projectId).Select(t => new { t.Text, t.Label }).ToListAsync(cancellationToken);
        var rejected = (await db.RejectedSuggestions.AsNoTracking().Where(r => r.PageId == pageId).Select(r => new { r.ArticleKey, r.Key }).ToListAsync(cancellationToken))
            .ToLookup(r => r.ArticleKey, r => r.Key);
        var sources = new SuggestionSources(
            labels.Select(l => l.ToDefinition()).ToList(),
            terms.Count == 0 ? null : Gazetteer.Build(terms.Select(t => (t.Text, t.Label))),
            patterns.Select(p => new PatternRule(p.Label, p.Pattern)).ToList());
        var keys = articleKey is int key ? [key] : state.Articles.Select(a => a.Key).ToList();
        var suggestions = new List<SuggestionView>();
        foreach (var k in keys)
        {
            if (state.FindArticle(k) is null)
            {
                continue;
            }

            var refused = rejected[k].ToHashSet(StringComparer.Ordinal);
            suggestions.AddRange(Suggester.Suggest(state, k, sources, refused)
                .Select(c => new SuggestionView(k, c.Label, c.Start, c.End, c.Text, c.Source, c.RuleName, c.RejectionKey)));
        }

        return suggestions;
    }

    /// <summary>Records rejected suggestions so they do not come back on that article. Returns how many were new.</summary>
    public async Task<int> RejectAsync(int pageId, int articleKey, IEnumerable<string> keys, string userId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var wanted = keys.Where(k => !string.IsNullOrEmpty(k) && k.Length <= RejectedSuggestion.MaxKey).Distinct(StringComparer.Ordinal).ToList();
        var existing = await db.RejectedSuggestions.Where(r => r.PageId == pageId && r.ArticleKey == articleKey && wanted.Contains(r.Key)).Select(r => r.Key).ToListAsync(cancellationToken);
        var added = wanted.Except(existing, StringComparer.Ordinal).ToList();
        foreach (var key in added)
        {
            db.RejectedSuggestions.Add(new RejectedSuggestion { PageId = pageId, ArticleKey = articleKey, Key = key, UserId = userId, At = at });
        }

        await db.SaveChangesAsync(cancellationToken);
        return added.Count;
    }
}
