using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Web.Editing;

/// <summary>
/// What one operation changed, in the shape the browser renders (see WIRE.md): changed lines, changed or added articles
/// and removed ones (with the whole order when it changed), changed or added entities and removed ones. Built from what
/// Core's Apply reported, never by comparing states. Browsers apply patches; the rules that produced them live only in Core.
/// </summary>
public sealed record PagePatch(
    int Version,
    IReadOnlyList<WorkbenchState.LineDto> Lines,
    IReadOnlyList<WorkbenchState.ArticleDto> Articles,
    IReadOnlyList<int> RemovedArticles,
    IReadOnlyList<int>? Order,
    IReadOnlyList<WorkbenchState.EntityDto> Entities,
    IReadOnlyList<int> RemovedEntities)
{
    /// <summary>
    /// The joined texts of the articles whose text may have changed (an article holding a changed line, or whose
    /// blocks changed), so cards show exactly the text exports write.
    /// </summary>
    public IReadOnlyList<WorkbenchState.ArticleTextDto> Texts { get; init; } = [];

    public static PagePatch Of(PageState after, PageChanges changes)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changes);
        return new PagePatch(
            after.Version,
            [.. changes.Lines.Select(n => after.Lines[n]).Select(l => new WorkbenchState.LineDto(l.Number, l.Text, l.Original))],
            [.. changes.Articles.Select(k => after.FindArticle(k)).OfType<ArticleState>().Select(WorkbenchState.ToDto)],
            [.. changes.RemovedArticles],
            changes.ArticleOrder ? [.. after.Articles.Select(a => a.Key)] : null,
            [.. changes.Entities.Select(k => after.FindEntity(k)).OfType<EntityState>().Select(WorkbenchState.ToDto)],
            [.. changes.RemovedEntities])
        {
            Texts = WorkbenchState.TextsOf(after, TextArticles(after, changes)),
        };
    }

    /// <summary>The articles whose joined text an operation may have changed (their lines, blocks or titles changed), that still exist.</summary>
    public static IEnumerable<int> TextArticles(PageState after, PageChanges changes)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changes);
        return changes.ContentArticles.Union(changes.Articles).Where(k => after.Articles.Exists(a => a.Key == k));
    }

    /// <summary>
    /// This patch applied to a Core state, as live.js's <c>applyPatch</c> applies it to the browser's: for clients written in
    /// C# (tests, benchmarks) that follow a page by its broadcasts. The Next* counters only grow to cover the keys seen.
    /// </summary>
    public PageState ApplyTo(PageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var lines = state.Lines;
        foreach (var line in Lines)
        {
            lines = lines.SetItem(line.N, new LineState(line.N, line.Original, line.Text));
        }

        var changed = Articles.ToDictionary(a => a.Key, ToArticle);
        var removed = RemovedArticles.ToHashSet();
        var articles = state.Articles.Where(a => !removed.Contains(a.Key)).Select(a => changed.GetValueOrDefault(a.Key, a)).ToList();
        if (Order is { } order)
        {
            var byKey = articles.ToDictionary(a => a.Key);
            foreach (var (key, article) in changed)
            {
                byKey[key] = article;
            }

            articles = [.. order.Select(k => byKey[k])];
        }

        var gone = RemovedEntities.ToHashSet();
        var entities = state.Entities.Where(e => !gone.Contains(e.Key)).ToDictionary(e => e.Key);
        foreach (var e in Entities)
        {
            entities[e.Key] = new EntityState(e.Key, e.Label, e.Start, e.End, e.Text, e.Source);
        }

        return new PageState(
            Version,
            lines,
            [.. articles],
            [.. entities.Values.OrderBy(e => e.Key)],
            Math.Max(state.NextArticleKey, articles.Select(a => a.Key + 1).DefaultIfEmpty(1).Max()),
            Math.Max(state.NextEntityKey, entities.Keys.Select(k => k + 1).DefaultIfEmpty(1).Max()));
    }

    /// <summary>An article as the wire carries it, back as Core's.</summary>
    public static ArticleState ToArticle(WorkbenchState.ArticleDto article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleState(
            article.Key,
            article.Title,
            article.Status,
            [.. article.Blocks.Select(b => new BlockState(BlockRoles.TryParse(b.Role, out var role) ? role : throw new InvalidOperationException($"Unknown block role {b.Role}"), b.FirstLine, b.LastLine))],
            article.AssigneeId,
            article.Confidence);
    }
}

/// <summary>One operation in a broadcast: its sequence number, who made it, its kind and what it changed.</summary>
public sealed record AppliedOperation(int Sequence, string AuthorId, string Kind, PagePatch Patch);

/// <summary>The broadcast of one group of operations written together, in sequence order.</summary>
public sealed record AppliedOperations(int PageId, IReadOnlyList<AppliedOperation> Operations);
