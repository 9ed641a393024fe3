using Microsoft.EntityFrameworkCore;
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
    public sealed record TagAllResponse(bool Accepted, int Tagged, int Version, string? Reason, PageOperation? Inverse = null);

    /// <summary>The body of <c>POST /operations</c>: the operation is bound as a typed object (WIRE.md).</summary>
    public sealed record ApplyRequest(int SeenVersion, PageOperation? Operation, string? Comment);

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

        // Pages an article may be linked to as its continuation: the same issue's, else the project's first ones; with their articles.
        api.MapGet("/link-targets", async (int pageId, HttpContext http, ProjectAccess access, WorkbenchDbContext db, CancellationToken cancellationToken) =>
        {
            var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            return Results.Json(await Continuation.LinkTargets.ForPageAsync(db, pageId, cancellationToken), WorkbenchState.Json);
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
        api.MapPost("/operations", async (int pageId, HttpContext http, ProjectAccess access, PageEditService edits, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken) =>
        {
            var userId = ProjectAccess.UserId(http.User);
            var (projectId, role) = await access.RoleForPageAsync(userId, pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

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
        api.MapPost("/tag-all", async (int pageId, TagAllRequest request, HttpContext http, ProjectAccess access, WorkbenchDbContext db, PageStateCache cache, PageEditService edits, CancellationToken cancellationToken) =>
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

            var state = (await cache.CurrentAsync(db, pageId, cancellationToken))!.State;
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

        // Suggestions for the given articles (?articles=3,7 or ?article=3; all without), from the edit path's cached state.
        api.MapGet("/suggestions", async (int pageId, int? article, string? articles, HttpContext http, ProjectAccess access, WorkbenchDbContext db, PageStateCache cache, SuggestionService suggestions, CancellationToken cancellationToken) =>
        {
            var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            var state = (await cache.CurrentAsync(db, pageId, cancellationToken))!.State;
            var keys = SuggestionService.ParseKeys(article, articles);
            return Results.Json(await suggestions.ForArticlesAsync(projectId.Value, state, pageId, keys, cancellationToken), WorkbenchState.Json);
        });

        // The page's scan. The URL the state gives carries the image's hash (?v=), so browsers may keep it; the ETag answers revalidation.
        api.MapGet("/image", async (int pageId, HttpContext http, ProjectAccess access, WorkbenchDbContext db, Import.PageImageStore images, CancellationToken cancellationToken) =>
        {
            var (projectId, role) = await access.RoleForPageAsync(ProjectAccess.UserId(http.User), pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            var image = await db.Pages.AsNoTracking().Where(p => p.Id == pageId).Select(p => p.Image).FirstOrDefaultAsync(cancellationToken);
            var path = image is null ? null : images.FullPath(image.Path);
            if (image is null || !File.Exists(path))
            {
                return Results.Problem(ServerMessages.NoImage, statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Headers.CacheControl = "private, max-age=86400";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(path!, image.ContentType, lastModified: File.GetLastWriteTimeUtc(path!), entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{image.Sha256}\""));
        });

        api.MapPost("/suggestions/reject", async (int pageId, RejectRequest request, HttpContext http, ProjectAccess access, SuggestionService suggestions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var userId = ProjectAccess.UserId(http.User);
            var (projectId, role) = await access.RoleForPageAsync(userId, pageId, cancellationToken);
            if (projectId is null || role is null)
            {
                return Refuse(projectId);
            }

            if ((request.Keys?.Count ?? 0) > SuggestionService.MaxRejections)
            {
                return Results.Problem(EditMessages.Format(ServerMessages.TooManyRejections, SuggestionService.MaxRejections, request.Keys!.Count), statusCode: StatusCodes.Status400BadRequest);
            }

            var added = await suggestions.RejectAsync(pageId, request.ArticleKey, request.Keys ?? [], userId!, clock.GetUtcNow(), cancellationToken);
            return Results.Json(new { rejected = added });
        });
    }
}
