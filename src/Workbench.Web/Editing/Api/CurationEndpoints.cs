using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Editing.Api;

/// <summary>
/// Curation (independent annotation, issue #19): a curator's plan for an article whose layers are all submitted
/// (<see cref="Curation.Plan"/>): the spans every annotator agreed on, to merge into gold in one step, and the rest grouped
/// by overlap, with who chose what. Accepting is an ordinary gold <c>addEntity</c> through the one edit path.
/// </summary>
public static class CurationEndpoints
{
    /// <summary>The plan with the annotators' user names (by user id) for the view.</summary>
    public sealed record CurationView(CurationPlan Plan, IReadOnlyDictionary<string, string> Names);

    public static void MapCurationEndpoints(this RouteGroupBuilder page)
    {
        // 200 the plan; 403 not a curator; 404 no such article; 409 not every layer is submitted yet.
        page.MapGet("/articles/{key:int}/curation", async (int pageId, int key, Membership member, WorkbenchDbContext db, PageStateCache cache, CancellationToken cancellationToken) =>
        {
            if (!LayerPolicy.IsCurator(member.Role))
            {
                return EditorEndpoints.Problem(ServerMessages.CuratorsOnly, StatusCodes.Status403Forbidden);
            }

            var mode = await LayerPolicy.ModeAsync(db, member.ProjectId, cancellationToken);
            var state = (await cache.CurrentAsync(db, pageId, cancellationToken))!.State;
            if (state.FindArticle(key) is not { } article)
            {
                return EditorEndpoints.Problem(EditMessages.Format(EditMessages.ArticleMissing, key), StatusCodes.Status404NotFound);
            }

            if (!mode.Independent || !Layers.Complete(article, mode.Required))
            {
                return EditorEndpoints.Problem(EditMessages.Format(ServerMessages.LayersNotComplete, article.LayerList.Count(l => l.Submitted), mode.Required), StatusCodes.Status409Conflict);
            }

            var plan = Curation.Plan(state, key)!;
            var names = await UserNames.ForAsync(db, plan.Layers, cancellationToken);
            return Results.Json(new CurationView(plan, plan.Layers.ToDictionary(id => id, id => names.GetValueOrDefault(id, id))), EditorState.Json);
        });
    }
}
