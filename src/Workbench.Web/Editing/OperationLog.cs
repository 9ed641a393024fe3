using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>
/// One entry of a page's operation log, readable: for catch-up, the history view and the audit. <paramref name="Operation"/> is null only for a
/// payload that no longer reads as an operation. <paramref name="Description"/> starts "Undo: "/"Redo: " (in the user's language) when
/// <paramref name="Replay"/> says the author sent it as one.
/// </summary>
public sealed record LoggedOperation(int Sequence, string AuthorId, string AuthorName, DateTimeOffset At, string Kind, string Description, PageOperation? Operation, OperationReplay? Replay = null);

public static class OperationLog
{
    public const int MaxPage = 1000;

    /// <summary>The operations after <paramref name="after"/>, in sequence order, at most <paramref name="limit"/>.</summary>
    /// <param name="reader">
    /// Independent annotation: who reads, and the page's current state (whether an article's layers are complete). An
    /// entry of a layer the reader may not see (<see cref="Layers.CanRead"/>) keeps its sequence number and time and loses
    /// the rest: its author, kind (<see cref="PagePatch.HiddenKind"/>), description and operation. Null: everything.
    /// </param>
    public static async Task<IReadOnlyList<LoggedOperation>> AfterAsync(WorkbenchDbContext db, int pageId, int after, int limit = MaxPage, (LayerViewer Viewer, PageState Current)? reader = null, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        var rows = await db.Operations.AsNoTracking()
            .Where(o => o.PageId == pageId && o.Sequence > after)
            .OrderBy(o => o.Sequence)
            .Take(limit)
            .Select(o => new { o.Sequence, o.AuthorId, o.At, o.Kind, o.Payload, o.Layer, o.ArticleKey, o.Replay })
            .ToListAsync(cancellationToken);
        var authorIds = rows.Select(r => r.AuthorId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        return rows.Select(r =>
        {
            if (reader is var (viewer, current) && !Layers.CanRead(r.Layer, viewer, current.FindArticle(r.ArticleKey ?? 0)))
            {
                return new LoggedOperation(r.Sequence, "", "", r.At, PagePatch.HiddenKind, ServerMessages.HiddenOperation, null);
            }

            // One parse per entry: the typed operation gives the description and is written back out as it is.
            var operation = PageOperationJson.TryDeserialize(r.Payload);
            LiveMetrics.Parsed("log.payload");
            var description = operation is null ? r.Kind : OperationDescriptions.Describe(operation);
            return new LoggedOperation(r.Sequence, r.AuthorId, names.GetValueOrDefault(r.AuthorId, r.AuthorId), r.At, r.Kind, ServerMessages.Logged(r.Replay, description), operation, r.Replay);
        }).ToList();
    }
}
