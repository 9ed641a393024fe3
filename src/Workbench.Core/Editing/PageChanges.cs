using System.Collections.Immutable;

namespace Workbench.Core.Editing;

/// <summary>
/// What an operation changed, as <see cref="PageEditor.Apply"/> reports it, so that writers and patches need not
/// compare whole states. Keys of things that exist afterwards are in <see cref="Articles"/> / <see cref="Entities"/>;
/// keys of things gone are in <see cref="RemovedArticles"/> / <see cref="RemovedEntities"/> (never in both).
/// </summary>
/// <param name="Lines">Lines whose text changed.</param>
/// <param name="Articles">Articles added or changed in any field (title, status, assignee, confidence, blocks).</param>
/// <param name="RemovedArticles">Articles that no longer exist.</param>
/// <param name="ArticleOrder">True when the set or the order of the page's articles changed.</param>
/// <param name="ContentArticles">
/// Articles whose content changed: text of their lines, boundaries, roles, title, entities (not status or assignee).
/// The review rules need it (who changed an article last), also when one operation touches several articles.
/// </param>
/// <param name="Entities">Entities added or changed.</param>
/// <param name="RemovedEntities">Entities that no longer exist.</param>
public sealed record PageChanges(
    ImmutableSortedSet<int> Lines,
    ImmutableSortedSet<int> Articles,
    ImmutableSortedSet<int> RemovedArticles,
    bool ArticleOrder,
    ImmutableSortedSet<int> ContentArticles,
    ImmutableSortedSet<int> Entities,
    ImmutableSortedSet<int> RemovedEntities)
{
    public static PageChanges None { get; } = new([], [], [], false, [], [], []);

    public bool IsEmpty => Lines.IsEmpty && Articles.IsEmpty && RemovedArticles.IsEmpty && !ArticleOrder && Entities.IsEmpty && RemovedEntities.IsEmpty;

    /// <summary>The changes of this operation followed by <paramref name="next"/>'s, as one.</summary>
    public PageChanges Then(PageChanges next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new PageChanges(
            Lines.Union(next.Lines),
            Articles.Except(next.RemovedArticles).Union(next.Articles),
            RemovedArticles.Except(next.Articles).Union(next.RemovedArticles),
            ArticleOrder || next.ArticleOrder,
            ContentArticles.Except(next.RemovedArticles).Union(next.ContentArticles),
            Entities.Except(next.RemovedEntities).Union(next.Entities),
            RemovedEntities.Except(next.Entities).Union(next.RemovedEntities));
    }
}

/// <summary>Collects <see cref="PageChanges"/> while an operation (or a batch, step by step) is applied.</summary>
internal sealed class ChangeRecorder
{
    private readonly SortedSet<int> lines = [];
    private readonly SortedSet<int> articles = [];
    private readonly SortedSet<int> removedArticles = [];
    private readonly SortedSet<int> content = [];
    private readonly SortedSet<int> entities = [];
    private readonly SortedSet<int> removedEntities = [];
    private bool order;

    public void Line(int number) => lines.Add(number);

    /// <summary>An article was added or changed; <paramref name="isContent"/> when its content changed (not only its status or assignee).</summary>
    public void Article(int key, bool isContent = true)
    {
        articles.Add(key);
        removedArticles.Remove(key);
        if (isContent)
        {
            content.Add(key);
        }
    }

    public void ArticleRemoved(int key)
    {
        articles.Remove(key);
        content.Remove(key);
        removedArticles.Add(key);
        order = true;
    }

    public void Order() => order = true;

    /// <summary>Content of the article holding <paramref name="line"/> changed, if any holds it.</summary>
    public void ContentOfLine(PageState state, int line)
    {
        if (state.ArticleOfLine(line) is { } article)
        {
            content.Add(article.Key);
        }
    }

    public void Entity(int key)
    {
        entities.Add(key);
        removedEntities.Remove(key);
    }

    public void EntityRemoved(int key)
    {
        entities.Remove(key);
        removedEntities.Add(key);
    }

    public PageChanges ToChanges() => new([.. lines], [.. articles], [.. removedArticles], order, [.. content], [.. entities], [.. removedEntities]);
}
