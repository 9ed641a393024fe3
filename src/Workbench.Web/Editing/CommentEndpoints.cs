using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Hubs;
using Workbench.Web.Review;
using Workbench.Web.Security;

namespace Workbench.Web.Editing;

/// <summary>Comments on an article: read and written by members, broadcast to the page's open workbenches.</summary>
public static class CommentEndpoints
{
    public sealed record CommentRequest(string? Text);

    /// <param name="page">The page's member group (<see cref="EditorEndpoints.PageRoute"/>).</param>
    public static void MapCommentEndpoints(this RouteGroupBuilder page)
    {
        // Every thread of the page in one answer (the editor shows each card's count as the page opens), oldest first.
        page.MapGet("/comments", async (int pageId, WorkbenchDbContext db, CancellationToken cancellationToken) =>
            await ListAsync(db.Comments.Where(c => c.PageId == pageId), db, cancellationToken));

        var comments = page.MapGroup("/articles/{key:int}/comments");
        comments.MapGet("", async (int pageId, int key, WorkbenchDbContext db, CancellationToken cancellationToken) =>
            await CheckAsync(pageId, key, db, cancellationToken) ?? await ListAsync(db.Comments.Where(c => c.PageId == pageId && c.ArticleKey == key), db, cancellationToken));

        comments.MapPost("", async (int pageId, int key, CommentRequest request, Membership member, WorkbenchDbContext db,
            IHubContext<PageHub, IPageClient> hub, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await CheckAsync(pageId, key, db, cancellationToken) is { } refused)
            {
                return refused;
            }

            var text = request.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                return Results.Problem(ServerMessages.EmptyComment, statusCode: StatusCodes.Status400BadRequest);
            }

            if (text.Length > Comment.MaxText)
            {
                return Results.Problem(Core.Editing.EditMessages.Format(ServerMessages.CommentTooLong, Comment.MaxText), statusCode: StatusCodes.Status400BadRequest);
            }

            var userId = member.UserId;
            var comment = new Comment { PageId = pageId, ArticleKey = key, AuthorId = userId, At = clock.GetUtcNow(), Text = text };
            db.Comments.Add(comment);
            await db.SaveChangesAsync(cancellationToken);
            var names = await UserNames.ForAsync(db, [userId], cancellationToken);
            var view = CommentView.From(comment, names.GetValueOrDefault(userId, member.UserName));
            await hub.Clients.Group(PageHub.GroupFor(pageId)).CommentAdded(view);
            return Results.Json(view, EditorState.Json, statusCode: StatusCodes.Status201Created);
        });
    }

    private static async Task<IResult> ListAsync(IQueryable<Comment> comments, WorkbenchDbContext db, CancellationToken cancellationToken)
    {
        var rows = await comments.AsNoTracking().OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var names = await UserNames.ForAsync(db, rows.Select(r => r.AuthorId), cancellationToken);
        return Results.Json(rows.Select(c => CommentView.From(c, names.GetValueOrDefault(c.AuthorId, c.AuthorId))).ToList(), EditorState.Json);
    }

    private static async Task<IResult?> CheckAsync(int pageId, int key, WorkbenchDbContext db, CancellationToken cancellationToken) =>
        await db.Articles.AnyAsync(a => a.PageId == pageId && a.Key == key, cancellationToken)
            ? null
            : Results.Problem(Core.Editing.EditMessages.Format(ServerMessages.NoSuchArticle, key), statusCode: StatusCodes.Status404NotFound);
}
