using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Editing;

/// <summary>JSON endpoints the workbench's browser code calls.</summary>
public static class WorkbenchEndpoints
{
    public sealed record RejectRequest(int ArticleKey, IReadOnlyList<string> Keys);

    public sealed record TagAllRequest(string? Text, string? Label, int? ArticleKey);

    /// <summary>What "tag every occurrence" did: how many entities it added (0: nothing to tag, see Reason).</summary>
    /// <param name="Inverse">The operation that undoes it (for the sender's undo stack), when applied.</param>
    public sealed record TagAllResponse(bool Accepted, int Tagged, int Version, string? Reason, string? Inverse = null);

    public sealed record ApplyRequest(int SeenVersion, System.Text.Json.JsonElement Operation, string? Comment);

    private static IResult Refuse(int? projectId) => projectId is null
        ? Results.Problem(ServerMessages.PageNotFound, statusCode: StatusCodes.Status404NotFound)
        : Results.Problem(ServerMessages.NotMember, statusCode: StatusCodes.Status403Forbidden);

    public static void MapWorkbenchEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pages/{pageId:int}");
        api.MapGet("/state", async (int pageId, HttpContext http, WorkbenchStateLoader loader, CancellationToken cancellationToken) =>
        {
            var (outcome, state) = await loader.LoadAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            return outcome switch
            {
                LoadOutcome.Loaded => Results.Text(state!.ToJson(), "application/json; charset=utf-8"),
                LoadOutcome.Forbidden => Results.Problem(ServerMessages.NotMember, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Problem(ServerMessages.PageNotFound, statusCode: StatusCodes.Status404NotFound),
            };
        });

        // Catch-up: a client that sees a gap in sequence numbers, or reconnects, fetches what it missed.
        api.MapGet("/operations", async (int pageId, int? after, int? limit, HttpContext http, ProjectAccess access, WorkbenchDbContext db, CancellationToken cancellationToken) =>
        {
            var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            if (projectId is null)
            {
                return Results.Problem(ServerMessages.PageNotFound, statusCode: StatusCodes.Status404NotFound);
            }

            if (role is null)
            {
                return Results.Problem(ServerMessages.NotMember, statusCode: StatusCodes.Status403Forbidden);
            }

            var operations = await OperationLog.AfterAsync(db, pageId, after ?? 0, limit ?? OperationLog.MaxPage, cancellationToken);
            return Results.Json(operations, WorkbenchState.Json);
        });

        // The same edit path as the hub, for scripts and other tools: 200 applied, 403 not allowed, 409 refused.
        api.MapPost("/operations", async (int pageId, ApplyRequest request, HttpContext http, ProjectAccess access, PageEditService edits, CancellationToken cancellationToken) =>
        {
            var userId = ProjectAccess.UserId(http.User);
            var (projectId, role) = await access.RoleForPageAsync(userId, pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            var operation = PageOperationJson.TryDeserialize(request.Operation.GetRawText());
            if (operation is null)
            {
                return Results.Problem(ServerMessages.BadOperation, statusCode: StatusCodes.Status400BadRequest);
            }

            var (outcome, _) = await edits.ApplyAsync(pageId, userId!, http.User.Identity?.Name ?? userId!, role.Value, request.SeenVersion, operation, request.Comment, cancellationToken);
            return outcome switch
            {
                { Accepted: true } => Results.Json(outcome, WorkbenchState.Json),
                { Forbidden: true } => Results.Json(outcome, WorkbenchState.Json, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Json(outcome, WorkbenchState.Json, statusCode: StatusCodes.Status409Conflict),
            };
        });

        // "Tag every occurrence of this text": Core finds the places (Occurrences.TagAll) and the batch goes through the
        // one edit path, so it is one operation: validated, logged and broadcast like any other.
        api.MapPost("/tag-all", async (int pageId, TagAllRequest request, HttpContext http, ProjectAccess access, WorkbenchDbContext db, PageEditService edits, CancellationToken cancellationToken) =>
        {
            var userId = ProjectAccess.UserId(http.User);
            var (projectId, role) = await access.RoleForPageAsync(userId, pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            if (string.IsNullOrEmpty(request.Text) || string.IsNullOrWhiteSpace(request.Label))
            {
                return Results.Problem(ServerMessages.NothingToTag, statusCode: StatusCodes.Status400BadRequest);
            }

            var loaded = await PageStore.LoadAsync(db, pageId, cancellationToken);
            var state = loaded!.Value.State;
            var batch = Workbench.Core.Tagging.Occurrences.TagAll(state, request.Text, request.Label, request.ArticleKey);
            if (batch.Operations.Count == 0)
            {
                return Results.Json(new TagAllResponse(false, 0, state.Version, EditMessages.Format(ServerMessages.NoOccurrences, request.Text, request.Label)), WorkbenchState.Json);
            }

            var (outcome, _) = await edits.ApplyAsync(pageId, userId!, http.User.Identity?.Name ?? userId!, role.Value, state.Version, batch, null, cancellationToken);
            var response = new TagAllResponse(outcome.Accepted, outcome.Accepted ? batch.Operations.Count : 0, outcome.Version, outcome.Reason, outcome.Inverse);
            return outcome switch
            {
                { Accepted: true } => Results.Json(response, WorkbenchState.Json),
                { Forbidden: true } => Results.Json(response, WorkbenchState.Json, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Json(response, WorkbenchState.Json, statusCode: StatusCodes.Status409Conflict),
            };
        });

        api.MapGet("/suggestions", async (int pageId, int? article, HttpContext http, ProjectAccess access, WorkbenchDbContext db, SuggestionService suggestions, CancellationToken cancellationToken) =>
        {
            var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            var loaded = await PageStore.LoadAsync(db, pageId, cancellationToken);
            return Results.Json(await suggestions.ForPageAsync(projectId.Value, loaded!.Value.State, pageId, article, cancellationToken), WorkbenchState.Json);
        });

        api.MapPost("/suggestions/reject", async (int pageId, RejectRequest request, HttpContext http, ProjectAccess access, SuggestionService suggestions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var userId = ProjectAccess.UserId(http.User);
            var (projectId, role) = await access.RoleForPageAsync(userId, pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            var added = await suggestions.RejectAsync(pageId, request.ArticleKey, request.Keys, userId!, clock.GetUtcNow(), cancellationToken);
            return Results.Json(new { rejected = added });
        });
    }
}
