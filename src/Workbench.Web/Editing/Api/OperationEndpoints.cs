using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Editing.Api;

/// <summary>The operation log of a page (catch-up) and the same edit path as the hub, for scripts and other tools.</summary>
public static class OperationEndpoints
{
    /// <summary>The body of <c>POST /operations</c>: the operation is bound as a typed object (WIRE.md); <paramref name="Replay"/> labels an undo or redo.</summary>
    public sealed record ApplyRequest(int SeenVersion, PageOperation? Operation, string? Comment, OperationReplay? Replay = null);

    public static void MapOperationEndpoints(this RouteGroupBuilder page)
    {
        // Catch-up: a client that sees a gap in sequence numbers, or reconnects, fetches what it missed.
        page.MapGet("/operations", async (int pageId, int? after, int? limit, Membership member, WorkbenchDbContext db, PageStateCache cache, CancellationToken cancellationToken) =>
        {
            var operations = await OperationLog.AfterAsync(db, pageId, after ?? 0, limit ?? OperationLog.MaxPage, await LayerPolicy.ReaderAsync(db, cache, member.ProjectId, pageId, member.UserId, member.Role, cancellationToken), cancellationToken);
            return Results.Json(operations, EditorState.Json);
        });

        // 200 applied, 403 not allowed, 409 refused.
        page.MapPost("/operations", async (int pageId, HttpContext http, Membership member, PageEditService edits, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken) =>
        {
            // Bound with the app's JSON options (the hub's too), in one pass; read here so a body that is not an operation is refused by name.
            ApplyRequest? request;
            try
            {
                request = await http.Request.ReadFromJsonAsync<ApplyRequest>(json.Value.SerializerOptions, cancellationToken);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                request = null;
            }

            if (request?.Operation is not { } operation)
            {
                return EditorEndpoints.Problem(ServerMessages.BadOperation, StatusCodes.Status400BadRequest);
            }

            var (outcome, _) = await edits.ApplyAsync(pageId, member.UserId, member.UserName, member.Role, request.SeenVersion, operation, request.Comment, request.Replay, cancellationToken);
            return outcome switch
            {
                { Accepted: true } => Results.Json(outcome, EditorState.Json),
                { Forbidden: true } => Results.Json(outcome, EditorState.Json, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Json(outcome, EditorState.Json, statusCode: StatusCodes.Status409Conflict),
            };
        });
    }
}
