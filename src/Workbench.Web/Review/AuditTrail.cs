using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Review;

/// <summary>Filters of the audit; all optional. <see cref="Kind"/> is an operation kind ("setStatus") or "comment".</summary>
public sealed record AuditFilter(string? Member, int? PageId, int? ArticleKey, string? Kind, DateOnly? From, DateOnly? To);

/// <summary>
/// One line of the audit: an operation (with the comments that went with it) or a comment on its own. An operation sent as an undo or
/// redo has <paramref name="Replay"/> set and its <paramref name="Description"/> starts "Undo: "/"Redo: " (in the user's language).
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string AuthorId, string AuthorName, int PageId, string PageName, int? Sequence, int? ArticleKey, string Kind, string Description, IReadOnlyList<string> Comments, OperationReplay? Replay = null);

/// <summary>The project's operation log and free comments, newest first, filtered and paged in SQL.</summary>
public static class AuditTrail
{
    public const int PageSize = 100;
    public const int MaxExport = 100_000;
    public const string CommentKind = "comment";

    private sealed class Row
    {
        public DateTimeOffset At { get; init; }
        public required string AuthorId { get; init; }
        public int PageId { get; init; }
        public int? Sequence { get; init; }
        public int? ArticleKey { get; init; }
        public required string Kind { get; init; }
        public required string Payload { get; init; }
    }

    public static async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> ListAsync(WorkbenchDbContext db, int projectId, AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var pages = db.Pages.Where(p => p.ProjectId == projectId).Select(p => p.Id);
        var operations = db.Operations.AsNoTracking().Where(o => pages.Contains(o.PageId))
            .Select(o => new Row { At = o.At, AuthorId = o.AuthorId, PageId = o.PageId, Sequence = o.Sequence, ArticleKey = o.ArticleKey, Kind = o.Kind, Payload = o.Payload });
        var comments = db.Comments.AsNoTracking().Where(c => pages.Contains(c.PageId) && c.Sequence == null)
            .Select(c => new Row { At = c.At, AuthorId = c.AuthorId, PageId = c.PageId, Sequence = null, ArticleKey = c.ArticleKey, Kind = CommentKind, Payload = c.Text });
        var rows = filter.Kind switch
        {
            null or "" => operations.Concat(comments),
            CommentKind => comments,
            _ => operations,
        };
        if (!string.IsNullOrEmpty(filter.Kind) && filter.Kind != CommentKind)
        {
            rows = rows.Where(r => r.Kind == filter.Kind);
        }

        if (!string.IsNullOrEmpty(filter.Member))
        {
            rows = rows.Where(r => r.AuthorId == filter.Member);
        }

        if (filter.PageId is { } pageId)
        {
            rows = rows.Where(r => r.PageId == pageId);
        }

        if (filter.ArticleKey is { } key)
        {
            rows = rows.Where(r => r.ArticleKey == key);
        }

        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(r => r.At >= start);
        }

        // DateOnly.MaxValue has no next day: "to" the last day there is means no upper bound (was a 500).
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(r => r.At < end);
        }

        var total = await rows.CountAsync(cancellationToken);
        var list = await rows.OrderByDescending(r => r.At).ThenByDescending(r => r.PageId).ThenByDescending(r => r.Sequence)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (await DescribeAsync(db, list, cancellationToken), total);
    }

    private static async Task<IReadOnlyList<AuditEntry>> DescribeAsync(WorkbenchDbContext db, List<Row> rows, CancellationToken cancellationToken)
    {
        var pageIds = rows.Select(r => r.PageId).Distinct().ToList();
        var pageNames = await db.Pages.AsNoTracking().Where(p => pageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.SourceName, cancellationToken);
        var sequences = rows.Where(r => r.Sequence is not null).Select(r => r.Sequence).Distinct().ToList();
        var attached = (await db.Comments.AsNoTracking()
                .Where(c => pageIds.Contains(c.PageId) && c.Sequence != null && sequences.Contains(c.Sequence))
                .OrderBy(c => c.At).ThenBy(c => c.Id)
                .Select(c => new { c.PageId, c.Sequence, c.Text })
                .ToListAsync(cancellationToken))
            .ToLookup(c => (c.PageId, c.Sequence));
        // Which of these operations were sent as an undo or a redo (few are): read for the listed entries only, not in the union above.
        var operationSequences = sequences.Select(s => s!.Value).ToList();
        var replays = (await db.Operations.AsNoTracking()
                .Where(o => pageIds.Contains(o.PageId) && operationSequences.Contains(o.Sequence) && o.Replay != null)
                .Select(o => new { o.PageId, o.Sequence, o.Replay })
                .ToListAsync(cancellationToken))
            .ToDictionary(o => (o.PageId, (int?)o.Sequence), o => o.Replay);
        var names = await UserNames.ForAsync(db, rows.Select(r => r.AuthorId), cancellationToken);
        return rows.Select(r =>
        {
            var isComment = r.Kind == CommentKind && r.Sequence is null;
            var description = isComment ? r.Payload : PageOperationJson.TryDeserialize(r.Payload) is { } op ? OperationDescriptions.Describe(op) : r.Kind;
            var replay = isComment ? null : replays.GetValueOrDefault((r.PageId, r.Sequence));
            return new AuditEntry(r.At, r.AuthorId, names.GetValueOrDefault(r.AuthorId, r.AuthorId), r.PageId, pageNames.GetValueOrDefault(r.PageId, $"page {r.PageId}"),
                r.Sequence, r.ArticleKey, r.Kind, isComment ? description : Editing.ServerMessages.Logged(replay, description), isComment ? [] : attached[(r.PageId, r.Sequence)].Select(c => c.Text).ToList(), replay);
        }).ToList();
    }

    public static async Task<IReadOnlyList<string>> KindsAsync(WorkbenchDbContext db, int projectId, CancellationToken cancellationToken = default) =>
        await db.Operations.AsNoTracking().Where(o => db.Pages.Any(p => p.Id == o.PageId && p.ProjectId == projectId))
            .Select(o => o.Kind).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
}
