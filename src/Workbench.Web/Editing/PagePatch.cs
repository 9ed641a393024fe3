using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
    /// blocks changed), so cards show exactly the text exports write: whole for an article that is new to the page,
    /// else as <see cref="TextSplices"/> when the article was there before.
    /// </summary>
    public IReadOnlyList<EditorState.ArticleTextDto> Texts { get; init; } = [];

    /// <summary>
    /// The joined texts of articles that were on the page before the operation, as the part that changed (WIRE.md,
    /// "textSplices"): a line edit sends its few characters, not its article's whole text and every line's place.
    /// </summary>
    public IReadOnlyList<TextSplice> TextSplices { get; init; } = [];

    /// <summary>
    /// The joined texts known for a state, carried from state to state: an article's text is the same in the next state
    /// unless the operation's patch carries it (the rule clients rely on too). So the text a splice is cut from is
    /// usually known, not joined again.
    /// </summary>
    private static readonly ConditionalWeakTable<PageState, ImmutableDictionary<int, EditorState.ArticleTextDto>> KnownTexts = [];

    /// <summary>The patch of an operation that made <paramref name="after"/> from <paramref name="before"/>.</summary>
    public static PagePatch Of(PageState before, PageState after, PageChanges changes)
    {
        ArgumentNullException.ThrowIfNull(before);
        var patch = Of(after, changes);
        var known = KnownTexts.TryGetValue(before, out var texts) ? texts : ImmutableDictionary<int, EditorState.ArticleTextDto>.Empty;
        // The texts before the operation: known, else joined now (all the missing ones at once); an article new to the page has none.
        var old = patch.Texts.Where(t => known.ContainsKey(t.Key)).ToDictionary(t => t.Key, t => known[t.Key]);
        foreach (var joined in EditorState.TextsOf(before, [.. patch.Texts.Select(t => t.Key).Where(k => !old.ContainsKey(k))]))
        {
            old[joined.Key] = joined;
        }

        KnownTexts.AddOrUpdate(after, known.RemoveRange(patch.RemovedArticles).SetItems(patch.Texts.Select(t => KeyValuePair.Create(t.Key, t))));
        return patch with
        {
            Texts = [.. patch.Texts.Where(t => !old.ContainsKey(t.Key))],
            TextSplices = [.. patch.Texts.Where(t => old.ContainsKey(t.Key)).Select(t => TextSplice.Between(old[t.Key], t))],
        };
    }

    /// <summary>The patch with every changed text whole (<see cref="Texts"/>), for a client that holds no texts before it.</summary>
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

/// <summary>
/// What changed in one article's joined text (<see cref="EditorState.ArticleTextDto"/>): from <see cref="At"/>,
/// <see cref="Removed"/> UTF-16 units of the text are replaced by <see cref="Inserted"/>; from span
/// <see cref="FirstSpan"/>, <see cref="RemovedSpans"/> spans are replaced by <see cref="Spans"/>, and every span after
/// them moves by the text's change in length (their text start only). The rest is the client's text as it was.
/// </summary>
public sealed record TextSplice(int Key, int At, int Removed, string Inserted, int FirstSpan, int RemovedSpans, IReadOnlyList<int[]> Spans)
{
    /// <summary>The smallest splice from <paramref name="before"/> to <paramref name="after"/> (same article): their common start and end kept.</summary>
    public static TextSplice Between(EditorState.ArticleTextDto before, EditorState.ArticleTextDto after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (old, now) = (before.Text, after.Text);
        var head = old.AsSpan().CommonPrefixLength(now);
        var tail = 0;
        var most = Math.Min(old.Length, now.Length) - head;
        while (tail < most && old[old.Length - 1 - tail] == now[now.Length - 1 - tail])
        {
            tail++;
        }

        // Never between the two halves of a surrogate pair: each side of the wire must stay valid UTF-16 on its own.
        if (head > 0 && char.IsHighSurrogate(now[head - 1]))
        {
            head--;
        }

        if (tail > 0 && char.IsLowSurrogate(now[now.Length - tail]))
        {
            tail--;
        }

        var shift = now.Length - old.Length;
        var (spansBefore, spansAfter) = (before.Spans, after.Spans);
        var first = 0;
        while (first < spansBefore.Count && first < spansAfter.Count && spansBefore[first].AsSpan().SequenceEqual(spansAfter[first]))
        {
            first++;
        }

        var last = 0;
        while (last < spansBefore.Count - first && last < spansAfter.Count - first && Shifted(spansBefore[spansBefore.Count - 1 - last], spansAfter[spansAfter.Count - 1 - last], shift))
        {
            last++;
        }

        return new TextSplice(
            after.Key,
            head,
            old.Length - head - tail,
            now[head..(now.Length - tail)],
            first,
            spansBefore.Count - first - last,
            [.. spansAfter.Skip(first).Take(spansAfter.Count - first - last)]);
    }

    /// <summary>The same line's place, its text start moved by <paramref name="shift"/>.</summary>
    private static bool Shifted(int[] before, int[] after, int shift) =>
        before.Length == 4 && after.Length == 4 && before[0] == after[0] && before[1] + shift == after[1] && before[2] == after[2] && before[3] == after[3];

    /// <summary>This splice applied to <paramref name="before"/> (as live.js applies it).</summary>
    public EditorState.ArticleTextDto ApplyTo(EditorState.ArticleTextDto before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var shift = Inserted.Length - Removed;
        var spans = before.Spans.Take(FirstSpan).Concat(Spans).Concat(before.Spans.Skip(FirstSpan + RemovedSpans).Select(s => new[] { s[0], s[1] + shift, s[2], s[3] })).ToList();
        return new EditorState.ArticleTextDto(Key, string.Concat(before.Text.AsSpan(0, At), Inserted, before.Text.AsSpan(At + Removed)), spans);
    }
}

/// <summary>One operation in a broadcast: its sequence number, who made it, its kind and what it changed.</summary>
public sealed record AppliedOperation(int Sequence, string AuthorId, string Kind, PagePatch Patch);

/// <summary>The broadcast of one group of operations written together, in sequence order.</summary>
public sealed record AppliedOperations(int PageId, IReadOnlyList<AppliedOperation> Operations);
