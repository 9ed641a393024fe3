using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>
/// What one operation changed, in the shape the browser renders: changed lines and entities, removed entity keys,
/// and the article list when it changed. Browsers apply patches; the rules that produced them live only in Core.
/// </summary>
public sealed record PagePatch(
    int Version,
    IReadOnlyList<WorkbenchState.LineDto> Lines,
    IReadOnlyList<WorkbenchState.ArticleDto>? Articles,
    IReadOnlyList<WorkbenchState.EntityDto> Entities,
    IReadOnlyList<int> RemovedEntities)
{
    /// <summary>The joined texts of the articles whose text may have changed (their lines, or the articles themselves, changed).</summary>
    public IReadOnlyList<WorkbenchState.ArticleTextDto> Texts { get; init; } = [];

    public static PagePatch Between(PageState before, PageState after, IReadOnlyDictionary<int, double> confidence)
    {
        var lines = after.Lines.Values
            .Where(l => !before.Lines.TryGetValue(l.Number, out var old) || !string.Equals(old.Text, l.Text, StringComparison.Ordinal))
            .Select(l => new WorkbenchState.LineDto(l.Number, l.Text, l.Original))
            .ToList();
        var articlesChanged = !SameArticles(before.Articles, after.Articles);
        var oldEntities = before.Entities.ToDictionary(e => e.Key);
        var entities = after.Entities.Where(e => !oldEntities.TryGetValue(e.Key, out var old) || old != e).Select(WorkbenchState.ToDto).ToList();
        var kept = after.Entities.Select(e => e.Key).ToHashSet();
        var removed = before.Entities.Where(e => !kept.Contains(e.Key)).Select(e => e.Key).ToList();
        var changedLines = lines.Select(l => l.N).ToHashSet();
        bool Touched(ArticleState a) =>
            (articlesChanged && (before.FindArticle(a.Key) is not { } old || !SameArticle(old, a)))
            || (changedLines.Count > 0 && PageStates.LinesOf(a).Any(changedLines.Contains));
        var touched = after.Articles.Where(Touched).Select(a => a.Key);
        return new PagePatch(
            after.Version,
            lines,
            articlesChanged ? after.Articles.Select(a => WorkbenchState.ToDto(a, confidence)).ToList() : null,
            entities,
            removed)
        {
            Texts = WorkbenchState.TextsOf(after, touched),
        };
    }

    public static bool SameArticles(IReadOnlyList<ArticleState> a, IReadOnlyList<ArticleState> b) =>
        ReferenceEquals(a, b) || (a.Count == b.Count && a.Zip(b).All(p => SameArticle(p.First, p.Second)));

    public static bool SameArticle(ArticleState a, ArticleState b) =>
        ReferenceEquals(a, b)
        || (a.Key == b.Key && a.Title == b.Title && a.Status == b.Status && a.AssigneeId == b.AssigneeId && a.Blocks.SequenceEqual(b.Blocks));
}
