using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;

namespace Workbench.Web.Import;

/// <summary>Pages whose batched import never finished (the process stopped half-way): deleted at start-up.</summary>
public static class PageImportCleanup
{
    /// <summary>An import of the largest page allowed takes seconds; one started this long ago is abandoned.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    public static async Task<int> RemoveAbandonedAsync(WorkbenchDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var cutoff = now - Abandoned;
        return await db.Pages.IgnoreQueryFilters().Where(p => p.Importing && p.ImportedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
