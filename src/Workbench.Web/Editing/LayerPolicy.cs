using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>
/// The rules of independent annotation (issue #19) the edit path applies on top of <see cref="OperationPolicy"/>: an
/// annotator tags and submits only in their own layer, never edits gold or another layer (a hidden layer's entity is
/// "not there", so a refusal tells nothing), and sends the article's review status through their layer; curators tag gold.
/// </summary>
public static class LayerPolicy
{
    /// <summary>The project's annotation settings, as the edit path and the page's readers need them.</summary>
    public sealed record Mode(AnnotationMode Annotation, int Required)
    {
        public static Mode Shared { get; } = new(AnnotationMode.Shared, Project.DefaultAnnotatorsPerArticle);

        public bool Independent => Annotation == AnnotationMode.Independent;

        /// <summary>Who the viewer is for <see cref="Layers.VisibleTo"/>; null in shared mode (everyone sees everything).</summary>
        public LayerViewer? ViewerFor(string userId, ProjectRole role) =>
            Independent ? new LayerViewer(userId, IsCurator(role), Required) : null;
    }

    public static bool IsCurator(ProjectRole role) => role != ProjectRole.Annotator;

    /// <summary>The project's annotation settings (shared when the project is gone).</summary>
    public static async Task<Mode> ModeAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.AnnotationMode, p.AnnotatorsPerArticle }).FirstOrDefaultAsync(cancellationToken);
        return project is null ? Mode.Shared : new Mode(project.AnnotationMode, project.AnnotatorsPerArticle);
    }

    /// <summary>Who reads a page's log, for <see cref="OperationLog.AfterAsync"/>: null in shared mode and for curators (they read everything).</summary>
    public static async Task<(LayerViewer Viewer, PageState Current)?> ReaderAsync(WorkbenchDbContext db, PageStateCache cache, int projectId, int pageId, string userId, ProjectRole role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (IsCurator(role) || (await ModeAsync(db, projectId, cancellationToken)).ViewerFor(userId, role) is not { } viewer)
        {
            return null;
        }

        return (await cache.CurrentAsync(db, pageId, cancellationToken)) is { } current ? (viewer, current.State) : null;
    }

    /// <summary>What <paramref name="userId"/> may see of a page's state (everything in shared mode).</summary>
    public static async Task<PageState> VisibleAsync(WorkbenchDbContext db, int projectId, string userId, ProjectRole role, PageState state, CancellationToken cancellationToken = default) =>
        Layers.HasLayers(state)
            ? Layers.VisibleTo(state, (await ModeAsync(db, projectId, cancellationToken)).ViewerFor(userId, role))
            : state;

    /// <summary>The refusal of <paramref name="operation"/> (already stamped by <see cref="Layers.Stamp"/>) for the user, or null.</summary>
    public static string? Check(Mode mode, ProjectRole role, string userId, PageOperation operation, PageState state)
    {
        foreach (var step in OperationPolicy.Steps(operation))
        {
            if (CheckStep(mode, role, userId, step, state) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string? CheckStep(Mode mode, ProjectRole role, string userId, PageOperation step, PageState state)
    {
        if (!mode.Independent)
        {
            return step is SetLayerStatus ? ServerMessages.NotIndependent : null;
        }

        if (IsCurator(role))
        {
            return null;
        }

        var viewer = mode.ViewerFor(userId, role)!;
        return step switch
        {
            RelabelEntity x => OwnEntity(state, x.EntityKey, userId, viewer),
            RemoveEntity x => OwnEntity(state, x.EntityKey, userId, viewer),
            SetStatus => ServerMessages.LayerStatusOnly,
            SetLayerStatus { Submitted: false } x when state.FindArticle(x.ArticleKey) is { } article && Layers.Complete(article, mode.Required) => EditMessages.LayersAllSubmitted,
            _ => null,
        };
    }

    /// <summary>An annotator may change only their own layer's entities; a hidden one is refused as missing, gold as the curators'.</summary>
    private static string? OwnEntity(PageState state, int key, string userId, LayerViewer viewer)
    {
        var entity = state.FindEntity(key);
        if (entity is null || !Layers.CanSee(state, entity, viewer))
        {
            return EditMessages.Format(EditMessages.EntityMissing, key);
        }

        return string.Equals(entity.Layer, userId, StringComparison.Ordinal) ? null : ServerMessages.NotYourLayer;
    }
}
