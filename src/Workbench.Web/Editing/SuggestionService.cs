using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Core.Tagging;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>A suggestion as the editor shows it (dashed, until accepted or rejected).</summary>
public sealed record SuggestionView(int ArticleKey, string Label, Anchor Start, Anchor End, string Text, EntitySource Source, string RuleName, string RejectionKey);

/// <summary>
/// Suggestions for a page's articles from the project's approved work (gazetteer), the built-in date and
/// organisation rules, and the admins' pattern rules; minus what editors rejected on that article.
/// </summary>
public sealed class SuggestionService(WorkbenchDbContext db)
{
    /// <summary>Suggestions rejected in one request at most ("Reject all" on one article's label).</summary>
    public const int MaxRejections = 1000;

    /// <summary>The article keys asked for: <paramref name="article"/>, or the comma-separated <paramref name="articles"/>; null for all.</summary>
    public static IReadOnlyList<int>? ParseKeys(int? article, string? articles)
    {
        if (article is { } one)
        {
            return [one];
        }

        if (string.IsNullOrWhiteSpace(articles))
        {
            return null;
        }

        return articles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => int.TryParse(k, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var key) ? key : (int?)null)
            .OfType<int>().Distinct().Take(10_000).ToList();
    }

    /// <summary>Suggestions for <paramref name="articleKeys"/> (all the page's articles when null), computed from <paramref name="state"/>.</summary>
    /// <param name="rejectedBy">Independent annotation: only this user's rejections count (another annotator's would tell what they decided).</param>
    public async Task<IReadOnlyList<SuggestionView>> ForArticlesAsync(int projectId, PageState state, int pageId, IReadOnlyList<int>? articleKeys, string? rejectedBy = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var keys = articleKeys ?? [.. state.Articles.Select(a => a.Key)];
        if (keys.Count == 0)
        {
            return [];
        }

        var labels = await db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);
        var patterns = await db.LabelPatterns.AsNoTracking().Where(p => p.ProjectId == projectId).ToListAsync(cancellationToken);
        var terms = await db.GazetteerTerms.AsNoTracking().Where(t => t.ProjectId == projectId).Select(t => new { t.Text, t.Label }).ToListAsync(cancellationToken);
        var rejected = (await db.RejectedSuggestions.AsNoTracking().Where(r => r.PageId == pageId && keys.Contains(r.ArticleKey) && (rejectedBy == null || r.UserId == rejectedBy)).Select(r => new { r.ArticleKey, r.Key }).ToListAsync(cancellationToken))
            .ToLookup(r => r.ArticleKey, r => r.Key);
        var sources = new SuggestionSources(
            labels.Select(l => l.ToDefinition()).ToList(),
            terms.Count == 0 ? null : Gazetteer.Build(terms.Select(t => (t.Text, t.Label))),
            patterns.Select(p => new PatternRule(p.Label, p.Pattern)).ToList());
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
