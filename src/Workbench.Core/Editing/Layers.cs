namespace Workbench.Core.Editing;

/// <summary>
/// Who looks at a page of a project in independent mode (issue #19): an annotator sees the shared text and boundaries,
/// the gold layer and their own layer, and another annotator's layer of an article only once every layer of it is
/// submitted (<see cref="Layers.Complete"/>); a curator (reviewer, admin) sees every layer.
/// </summary>
/// <param name="Required">Layers an article needs before they are shown to each other (the project's annotators per article).</param>
public sealed record LayerViewer(string UserId, bool Curator, int Required);

/// <summary>Entity layers of independent annotation: who may see what, and what the server stamps on operations.</summary>
public static class Layers
{
    /// <summary>
    /// Every layer of the article is submitted and there are at least <paramref name="required"/> of them: the annotators
    /// may now see each other's layers, and a curator may merge them.
    /// </summary>
    public static bool Complete(ArticleState article, int required)
    {
        ArgumentNullException.ThrowIfNull(article);
        var layers = article.LayerList;
        return layers.Count >= Math.Max(1, required) && layers.TrueForAll(l => l.Submitted);
    }

    /// <summary>
    /// The part of <paramref name="state"/> the viewer may see: entities of hidden layers left out, and an annotator's view
    /// of an article's layers reduced to their own until the article's layers are complete. Null viewer: everything.
    /// </summary>
    public static PageState VisibleTo(PageState state, LayerViewer? viewer)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (viewer is null || viewer.Curator || !HasLayers(state))
        {
            return state;
        }

        var open = OpenArticles(state, viewer);
        var owners = state.LineOwners();
        return state with
        {
            Entities = state.Entities.RemoveAll(e => !Sees(e, viewer, owners, open)),
            Articles = state.Articles.ConvertAll(a => a.Layers is null || open.Contains(a.Key) ? a : a with { Layers = a.Layers.RemoveAll(l => !string.Equals(l.Annotator, viewer.UserId, StringComparison.Ordinal)) }),
        };
    }

    /// <summary>Whether the viewer may see <paramref name="entity"/> of <paramref name="state"/>.</summary>
    public static bool CanSee(PageState state, EntityState entity, LayerViewer? viewer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(entity);
        if (viewer is null || viewer.Curator || entity.Layer is null || string.Equals(entity.Layer, viewer.UserId, StringComparison.Ordinal))
        {
            return true;
        }

        return state.ArticleOfLine(entity.Start.Line) is { } article && Complete(article, viewer.Required);
    }

    /// <summary>The gold layer only: what approval, the gazetteer and exports see. The annotators' layers are left out.</summary>
    public static PageState GoldOnly(PageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Entities.Exists(e => e.Layer is not null) ? state with { Entities = state.Entities.RemoveAll(e => e.Layer is not null) } : state;
    }

    /// <summary>Whether any article or entity of the page has a layer (a page of a shared-mode project never has).</summary>
    public static bool HasLayers(PageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Entities.Exists(e => e.Layer is not null) || state.Articles.Exists(a => a.Layers is { IsEmpty: false });
    }

    /// <summary>
    /// The operation as the server applies it for its sender: in independent mode an annotator's tags go to their own
    /// layer and their submissions are of their own layer; a curator's new tags go to gold. Whatever layer a client wrote
    /// is replaced. In shared mode every tag is gold. Undo's restores (an <see cref="AddEntity"/> with a key) keep the
    /// layer the entity had, for curators, whose line edits may have removed an annotator's entity.
    /// </summary>
    public static PageOperation Stamp(PageOperation operation, string userId, bool independent, bool curator)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var annotator = independent && !curator ? userId : null;
        return operation switch
        {
            AddEntity add when annotator is not null => add with { Layer = annotator },
            AddEntity add when !independent || add.Key is null => add with { Layer = null },
            SetLayerStatus set when annotator is not null => set with { Annotator = annotator },
            Batch batch when batch.Operations is not null => batch with { Operations = [.. batch.Operations.Select(o => o is null ? o! : Stamp(o, userId, independent, curator))] },
            _ => operation,
        };
    }

    /// <summary>
    /// Whether an applied operation of <paramref name="userId"/> changed the text or label of, or removed, an entity of
    /// another annotator's layer (a line edit over it, say). Moving an entity along with its text is not a change.
    /// Such an operation is refused for annotators: they may not see that layer, and undoing it would need it.
    /// </summary>
    public static bool TouchesOtherLayer(PageState before, PageState after, PageChanges changes, string userId)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var key in changes.Entities.Concat(changes.RemovedEntities))
        {
            if (before.FindEntity(key) is not { Layer: { } layer } was || string.Equals(layer, userId, StringComparison.Ordinal))
            {
                continue;
            }

            if (after.FindEntity(key) is not { } now || !string.Equals(now.Text, was.Text, StringComparison.Ordinal) || !string.Equals(now.Label, was.Label, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The layer an operation's content belongs to, for filtering the log: null when anyone may read it; the annotator's id
    /// when it carries their layer's content (tags, removals, submissions); <see cref="CuratorsOnly"/> when it carries
    /// several annotators' content (a curator's undo that restores their entities).
    /// </summary>
    public static string? LayerOf(PageState before, PageOperation operation)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(operation);
        var layers = new HashSet<string>(StringComparer.Ordinal);
        Collect(before, operation, layers);
        return layers.Count switch
        {
            0 => null,
            1 => layers.First(),
            _ => CuratorsOnly,
        };
    }

    /// <summary>The <see cref="LayerOf"/> value of operations only curators may read.</summary>
    public const string CuratorsOnly = "";

    /// <summary>Whether the viewer may read a logged operation of layer <paramref name="layer"/> (see <see cref="LayerOf"/>) on an article in this state.</summary>
    public static bool CanRead(string? layer, LayerViewer? viewer, ArticleState? article)
    {
        if (layer is null || viewer is null || viewer.Curator || string.Equals(layer, viewer.UserId, StringComparison.Ordinal))
        {
            return true;
        }

        return layer.Length > 0 && article is not null && Complete(article, viewer.Required);
    }

    private static void Collect(PageState before, PageOperation? operation, HashSet<string> layers)
    {
        switch (operation)
        {
            case AddEntity { Layer: { } layer }:
                layers.Add(layer);
                break;
            case SetLayerStatus { Annotator: { } annotator }:
                layers.Add(annotator);
                break;
            case RelabelEntity x when before.FindEntity(x.EntityKey) is { Layer: { } layer }:
                layers.Add(layer);
                break;
            case RemoveEntity x when before.FindEntity(x.EntityKey) is { Layer: { } layer }:
                layers.Add(layer);
                break;
            case Batch { Operations: { } steps }:
                foreach (var step in steps)
                {
                    Collect(before, step, layers);
                }

                break;
        }
    }

    private static HashSet<int> OpenArticles(PageState state, LayerViewer viewer) =>
        [.. state.Articles.Where(a => Complete(a, viewer.Required)).Select(a => a.Key)];

    private static bool Sees(EntityState e, LayerViewer viewer, IReadOnlyDictionary<int, int> owners, HashSet<int> open) =>
        e.Layer is null
        || string.Equals(e.Layer, viewer.UserId, StringComparison.Ordinal)
        || (owners.TryGetValue(e.Start.Line, out var key) && open.Contains(key));
}
