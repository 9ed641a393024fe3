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
    IReadOnlyList<EditorState.LineDto> Lines,
    IReadOnlyList<EditorState.ArticleDto> Articles,
    IReadOnlyList<int> RemovedArticles,
    IReadOnlyList<int>? Order,
    IReadOnlyList<EditorState.EntityDto> Entities,
    IReadOnlyList<int> RemovedEntities)
{
    /// <summary>
    /// The joined texts of the articles whose text may have changed (an article holding a changed line, or whose
    /// blocks changed), so cards show exactly the text exports write.
    /// </summary>
    public IReadOnlyList<EditorState.ArticleTextDto> Texts { get; init; } = [];

    public static PagePatch Of(PageState after, PageChanges changes)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changes);
        return new PagePatch(
            after.Version,
            [.. changes.Lines.Select(n => after.Lines[n]).Select(l => new EditorState.LineDto(l.Number, l.Text, l.Original))],
            [.. changes.Articles.Select(k => after.FindArticle(k)).OfType<ArticleState>().Select(EditorState.ToDto)],
            [.. changes.RemovedArticles],
            changes.ArticleOrder ? [.. after.Articles.Select(a => a.Key)] : null,
            [.. changes.Entities.Select(k => after.FindEntity(k)).OfType<EntityState>().Select(EditorState.ToDto)],
            [.. changes.RemovedEntities])
        {
            Texts = EditorState.TextsOf(after, TextArticles(after, changes)),
        };
    }

    /// <summary>The kind an annotator's broadcast gives another layer's operation (independent annotation): a sequence number with nothing of it.</summary>
    public const string HiddenKind = "hidden";

    /// <summary>
    /// What <paramref name="viewer"/> may see of <paramref name="patch"/> (an operation from <paramref name="before"/> to
    /// <paramref name="after"/>): entities they may not see left out, their removals too; entities that became visible
    /// (every layer of an article now submitted) added, and ones that are no longer visible (a layer taken back) removed;
    /// articles' layers as <see cref="Layers.VisibleTo"/> shows them.
    /// </summary>
    public static PagePatch For(PagePatch patch, PageState before, PageState after, LayerViewer viewer)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var seenBefore = Layers.VisibleTo(before, viewer).Entities.ToDictionary(e => e.Key);
        var visible = Layers.VisibleTo(after, viewer);
        var seenAfter = visible.Entities.ToDictionary(e => e.Key);
        var changed = patch.Entities.Select(e => e.Key).ToHashSet();
        var entities = patch.Entities.Where(e => seenAfter.ContainsKey(e.Key)).ToList();
        entities.AddRange(seenAfter.Values.Where(e => !seenBefore.ContainsKey(e.Key) && !changed.Contains(e.Key)).Select(EditorState.ToDto));
        var removed = patch.RemovedEntities.Where(seenBefore.ContainsKey).ToList();
        removed.AddRange(seenBefore.Keys.Where(k => !seenAfter.ContainsKey(k) && !patch.RemovedEntities.Contains(k)));
        return patch with
        {
            Articles = [.. patch.Articles.Select(a => visible.FindArticle(a.Key) is { } article ? EditorState.ToDto(article) : a)],
            Entities = entities,
            RemovedEntities = removed,
        };
    }

    /// <summary>
    /// The articles whose joined text an operation may have changed, that still exist: those holding a changed line, and those
    /// added or changed (blocks, roles, title). Not the article of an entity added, changed or removed: its text is made of its
    /// lines and blocks only, so an entity operation's patch carries no text (most of a broadcast's bytes, otherwise).
    /// </summary>
    public static IEnumerable<int> TextArticles(PageState after, PageChanges changes)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changes);
        var keys = new SortedSet<int>(changes.Articles);
        foreach (var line in changes.Lines)
        {
            if (after.ArticleOfLine(line) is { } owner)
            {
                keys.Add(owner.Key);
            }
        }

        return keys.Where(k => after.Articles.Exists(a => a.Key == k));
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

        var articles = state.Articles;
        if (Articles.Count > 0 || RemovedArticles.Count > 0 || Order is not null)
        {
            var changed = Articles.ToDictionary(a => a.Key, ToArticle);
            var removed = RemovedArticles.ToHashSet();
            var list = state.Articles.Where(a => !removed.Contains(a.Key)).Select(a => changed.GetValueOrDefault(a.Key, a)).ToList();
            if (Order is { } order)
            {
                var byKey = list.ToDictionary(a => a.Key);
                foreach (var (key, article) in changed)
                {
                    byKey[key] = article;
                }

                list = [.. order.Select(k => byKey[k])];
            }

            articles = [.. list];
        }

        // Entities stay ordered by key: each change is a binary search, not a rebuild.
        var entities = state.Entities;
        foreach (var key in RemovedEntities)
        {
            var at = IndexOfEntity(entities, key);
            if (at >= 0)
            {
                entities = entities.RemoveAt(at);
            }
        }

        foreach (var e in Entities)
        {
            var entity = new EntityState(e.Key, e.Label, e.Start, e.End, e.Text, e.Source, e.Layer);
            var at = IndexOfEntity(entities, e.Key);
            entities = at >= 0 ? entities.SetItem(at, entity) : entities.Insert(~at, entity);
        }

        return new PageState(
            Version,
            lines,
            articles,
            entities,
            Math.Max(state.NextArticleKey, Articles.Select(a => a.Key + 1).DefaultIfEmpty(1).Max()),
            Math.Max(state.NextEntityKey, Entities.Select(e => e.Key + 1).DefaultIfEmpty(1).Max()));
    }

    private static int IndexOfEntity(System.Collections.Immutable.ImmutableList<EntityState> entities, int key)
    {
        var (low, high) = (0, entities.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var found = entities[middle].Key;
            if (found == key)
            {
                return middle;
            }

            (low, high) = found < key ? (middle + 1, high) : (low, middle - 1);
        }

        return ~low;
    }

    /// <summary>An article as the wire carries it, back as Core's.</summary>
    public static ArticleState ToArticle(EditorState.ArticleDto article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleState(
            article.Key,
            article.Title,
            article.Status,
            [.. article.Blocks.Select(b => new BlockState(BlockRoles.TryParse(b.Role, out var role) ? role : throw new InvalidOperationException($"Unknown block role {b.Role}"), b.FirstLine, b.LastLine))],
            article.AssigneeId,
            article.Confidence,
            article.Layers is { Count: > 0 } layers ? [.. layers.Select(l => new LayerState(l.Annotator, l.Submitted))] : null);
    }
}

/// <summary>One operation in a broadcast: its sequence number, who made it, its kind and what it changed.</summary>
public sealed record AppliedOperation(int Sequence, string AuthorId, string Kind, PagePatch Patch);

/// <summary>The broadcast of one group of operations written together, in sequence order.</summary>
public sealed record AppliedOperations(int PageId, IReadOnlyList<AppliedOperation> Operations);
