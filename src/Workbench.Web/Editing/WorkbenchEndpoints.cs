using Workbench.Web.Security;

namespace Workbench.Web.Editing;

/// <summary>JSON endpoints the workbench's browser code calls.</summary>
public static class WorkbenchEndpoints
{
    public static void MapWorkbenchEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pages/{pageId:int}");
        api.MapGet("/state", async (int pageId, HttpContext http, WorkbenchStateLoader loader, CancellationToken cancellationToken) =>
        {
            var (outcome, state) = await loader.LoadAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            return outcome switch
            {
                LoadOutcome.Loaded => Results.Text(state!.ToJson(), "application/json; charset=utf-8"),
                LoadOutcome.Forbidden => Results.Problem("You are not a member of this page's project.", statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem("There is no such page.", statusCode: StatusCodes.Status404NotFound),
            };
        });
    }
}
