using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Editing;

public enum LoadOutcome
{
    Loaded,
    NotFound,
    Forbidden,
}

/// <summary>Loads a page's workbench state for a user, checking membership; the page's lines, articles and entities come from the edit path's cache.</summary>
public sealed class EditorStateLoader(WorkbenchDbContext db, ProjectAccess access, PageStateCache cache)
{
    public async Task<(LoadOutcome Outcome, EditorState? State)> LoadAsync(string? userId, int pageId, CancellationToken cancellationToken = default)
    {
        var (projectId, role) = await access.RoleForPageAsync(userId, pageId, cancellationToken);
        if (projectId is null)
        {
            return (LoadOutcome.NotFound, null);
        }

        if (role is null)
        {
            return (LoadOutcome.Forbidden, null);
        }

        var current = await cache.CurrentAsync(db, pageId, cancellationToken);
        var page = current is null ? null : await db.Pages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pageId, cancellationToken);
        if (current is null || page is null)
        {
            return (LoadOutcome.NotFound, null);
        }

        var project = await db.Projects.Where(p => p.Id == projectId).Select(p => new { p.Name, p.AnnotationMode, p.AnnotatorsPerArticle }).FirstAsync(cancellationToken);
        var (projectName, mode) = (project.Name, new LayerPolicy.Mode(project.AnnotationMode, project.AnnotatorsPerArticle));

        // Independent annotation: the viewer's part of the page only (Layers.VisibleTo), never the cached whole.
        var state = Layers.VisibleTo(current.State, mode.ViewerFor(userId!, role.Value));
        var labels = await db.Labels.AsNoTracking().Where(l => l.ProjectId == projectId).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);
        var continuations = await Continuation.ArticleLinks.ForPageAsync(db, pageId, cancellationToken);
        return (LoadOutcome.Loaded, EditorState.From(page, projectName, role.Value, state, labels, await PageStore.BoxesAsync(db, pageId, cancellationToken)) with
        {
            Segmentation = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(page.Segmentation.ToString()),
            Continuations = continuations,
            UnresolvedMarkers = Continuation.ArticleLinks.Unresolved(state, continuations),
            OcrTexts = await PageStore.OcrTextsAsync(db, pageId, cancellationToken),
            ItemTypes = await PageStore.ItemTypesAsync(db, pageId, cancellationToken),
            Annotation = mode.Independent ? new EditorState.AnnotationInfo(userId!, LayerPolicy.IsCurator(role.Value), mode.Required, await MemberNamesAsync(projectId.Value, cancellationToken)) : null,
        });
    }

    /// <summary>The display names of the project's members, by user id: a layer that appears later (a broadcast) is named too. Members are no secret to members.</summary>
    private async Task<IReadOnlyDictionary<string, string>> MemberNamesAsync(int projectId, CancellationToken cancellationToken) =>
        (await Review.UserNames.MembersAsync(db, projectId, cancellationToken)).ToDictionary(m => m.UserId, m => m.DisplayName);
}
