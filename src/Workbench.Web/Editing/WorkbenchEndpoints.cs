using Workbench.Web.Data;
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

        // Catch-up: a client that sees a gap in sequence numbers, or reconnects, fetches what it missed.
        api.MapGet("/operations", async (int pageId, int? after, int? limit, HttpContext http, ProjectAccess access, WorkbenchDbContext db, CancellationToken cancellationToken) =>
        {
            var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            if (projectId is null)
            {
                return Results.Problem("There is no such page.", statusCode: StatusCodes.Status404NotFound);
            }

            if (role is null)
            {
                return Results.Problem("You are not a member of this page's project.", statusCode: StatusCodes.Status403Forbidden);
            }

            var operations = await OperationLog.AfterAsync(db, pageId, after ?? 0, limit ?? OperationLog.MaxPage, cancellationToken);
            return Results.Json(operations, WorkbenchState.Json);
        });
    }
}
