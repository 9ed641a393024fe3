using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>One entry of a page's operation log, readable: for catch-up, the history view and the audit.</summary>
public sealed record LoggedOperation(int Sequence, string AuthorId, string AuthorName, DateTimeOffset At, string Kind, string Description, JsonElement Operation);

public static class OperationLog
{
    public const int MaxPage = 1000;

    /// <summary>The operations after <paramref name="after"/>, in sequence order, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<LoggedOperation>> AfterAsync(WorkbenchDbContext db, int pageId, int after, int limit = MaxPage, CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        var rows = await db.Operations.AsNoTracking()
            .Where(o => o.PageId == pageId && o.Sequence > after)
            .OrderBy(o => o.Sequence)
            .Take(limit)
            .Select(o => new { o.Sequence, o.AuthorId, o.At, o.Kind, o.Payload })
            .ToListAsync(cancellationToken);
        var authorIds = rows.Select(r => r.AuthorId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        return rows.Select(r =>
        {
            var operation = PageOperationJson.TryDeserialize(r.Payload);
            var description = operation is null ? r.Kind : OperationDescriptions.Describe(operation);
            using var json = JsonDocument.Parse(r.Payload);
            return new LoggedOperation(r.Sequence, r.AuthorId, names.GetValueOrDefault(r.AuthorId, r.AuthorId), r.At, r.Kind, description, json.RootElement.Clone());
        }).ToList();
    }
}
