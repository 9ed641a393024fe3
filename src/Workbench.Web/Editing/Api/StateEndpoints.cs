using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Editing.Api;

/// <summary>Reading a page: its whole workbench state, and the pages an article may be linked to.</summary>
public static class StateEndpoints
{
    public static void MapStateEndpoints(this RouteGroupBuilder page)
    {
        page.MapGet("/state", async (Membership member, EditorStateLoader loader, CancellationToken cancellationToken) =>
        {
            var (outcome, state) = await loader.LoadAsync(member.UserId, member.PageId!.Value, cancellationToken);
            return outcome switch
            {
                LoadOutcome.Loaded => Results.Text(state!.ToJson(), "application/json; charset=utf-8"),
                LoadOutcome.Forbidden => EditorEndpoints.Problem(ServerMessages.NotMember, StatusCodes.Status403Forbidden),
                _ => EditorEndpoints.Problem(ServerMessages.PageNotFound, StatusCodes.Status404NotFound),
            };
        });

        // Pages an article may be linked to as its continuation: the same issue's, else the project's first ones; with their articles.
        page.MapGet("/link-targets", async (Membership member, WorkbenchDbContext db, CancellationToken cancellationToken) =>
            Results.Json(await Continuation.LinkTargets.ForPageAsync(db, member.PageId!.Value, cancellationToken), EditorState.Json));
    }
}
