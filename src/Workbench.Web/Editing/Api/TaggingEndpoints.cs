using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Security;

namespace Workbench.Web.Editing.Api;

/// <summary>Tagging helpers of a page: tag every occurrence, suggestions, and rejecting suggestions for good.</summary>
public static class TaggingEndpoints
{
    public sealed record RejectRequest(int ArticleKey, IReadOnlyList<string> Keys);

    public sealed record TagAllRequest(string? Text, string? Label, int? ArticleKey);

    /// <summary>What "tag every occurrence" did: how many entities it added (0: nothing to tag, see Reason).</summary>
    /// <param name="Inverse">The operation that undoes it (for the sender's undo stack), when applied.</param>
    public sealed record TagAllResponse(bool Accepted, int Tagged, int Version, string? Reason, PageOperation? Inverse = null);

    public static void MapTaggingEndpoints(this RouteGroupBuilder page)
    {
        // "Tag every occurrence of this text": Core finds the places (Occurrences.TagAll) and the batch goes through the
        // one edit path, so it is one operation: validated, logged and broadcast like any other.
        page.MapPost("/tag-all", async (int pageId, TagAllRequest request, Membership member, WorkbenchDbContext db, PageStateCache cache, PageEditService edits, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrEmpty(request.Text) || string.IsNullOrWhiteSpace(request.Label))
            {
                return EditorEndpoints.Problem(ServerMessages.NothingToTag, StatusCodes.Status400BadRequest);
            }

            // What the user sees: in independent annotation, places another annotator tagged are not "already tagged".
            var state = await LayerPolicy.VisibleAsync(db, member.ProjectId, member.UserId, member.Role, (await cache.CurrentAsync(db, pageId, cancellationToken))!.State, cancellationToken);
            var batch = Workbench.Core.Tagging.Occurrences.TagAll(state, request.Text, request.Label, request.ArticleKey);
            if (batch.Operations.Count == 0)
            {
                return Results.Json(new TagAllResponse(false, 0, state.Version, EditMessages.Format(ServerMessages.NoOccurrences, request.Text, request.Label)), EditorState.Json);
            }

            var (outcome, _) = await edits.ApplyAsync(pageId, member.UserId, member.UserName, member.Role, state.Version, batch, null, cancellationToken: cancellationToken);
            var response = new TagAllResponse(outcome.Accepted, outcome.Accepted ? batch.Operations.Count : 0, outcome.Version, outcome.Reason, outcome.Inverse);
            return outcome switch
            {
                { Accepted: true } => Results.Json(response, EditorState.Json),
                { Forbidden: true } => Results.Json(response, EditorState.Json, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Json(response, EditorState.Json, statusCode: StatusCodes.Status409Conflict),
            };
        });

        // Suggestions for the given articles (?articles=3,7 or ?article=3; all without), from the edit path's cached state.
        page.MapGet("/suggestions", async (int pageId, int? article, string? articles, Membership member, WorkbenchDbContext db, PageStateCache cache, SuggestionService suggestions, CancellationToken cancellationToken) =>
        {
            var mode = await LayerPolicy.ModeAsync(db, member.ProjectId, cancellationToken);
            var state = Layers.VisibleTo((await cache.CurrentAsync(db, pageId, cancellationToken))!.State, mode.ViewerFor(member.UserId, member.Role));
            var keys = SuggestionService.ParseKeys(article, articles);
            var rejectedBy = mode.Independent && !LayerPolicy.IsCurator(member.Role) ? member.UserId : null;
            return Results.Json(await suggestions.ForArticlesAsync(member.ProjectId, state, pageId, keys, rejectedBy, cancellationToken), EditorState.Json);
        });

        page.MapPost("/suggestions/reject", async (int pageId, RejectRequest request, Membership member, SuggestionService suggestions, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if ((request.Keys?.Count ?? 0) > SuggestionService.MaxRejections)
            {
                return EditorEndpoints.Problem(EditMessages.Format(ServerMessages.TooManyRejections, SuggestionService.MaxRejections, request.Keys!.Count), StatusCodes.Status400BadRequest);
            }

            var added = await suggestions.RejectAsync(pageId, request.ArticleKey, request.Keys ?? [], member.UserId, clock.GetUtcNow(), cancellationToken);
            return Results.Json(new { rejected = added });
        });
    }
}
