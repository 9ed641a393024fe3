using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>
/// Serialises the writes to one page across app instances. Called at the start of every write transaction of a page's
/// state (inside it, before the version guard); held until that transaction ends. Within one instance the page lock of
/// <see cref="PageStateCache"/> already queues the writers; the version guard stays the last line of defence.
/// </summary>
public interface IPageWriteLock
{
    /// <summary>
    /// True when other instances write the same pages (the lock is then taken before the cached state is checked, so a
    /// group is applied to the stored state, not to one another instance has moved on from).
    /// </summary>
    bool SpansInstances { get; }

    Task AcquireAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default);
}

/// <summary>SQLite, one process: the database's single writer lock and the in-process page lock are enough.</summary>
public sealed class InProcessPageWriteLock : IPageWriteLock
{
    public bool SpansInstances => false;

    public Task AcquireAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

/// <summary>
/// PostgreSQL: a transaction-scoped advisory lock on the page id (<c>pg_advisory_xact_lock(PageSpace, pageId)</c>), so the
/// instances take turns on one page and never on two different pages. Released by the commit or the rollback.
/// </summary>
public sealed class PostgresPageWriteLock : IPageWriteLock
{
    /// <summary>The first key of the two-key advisory lock: page writes, apart from any other advisory lock of the app.</summary>
    public const int PageSpace = 7310;

    public bool SpansInstances => true;

    public async Task AcquireAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The page write lock is taken inside the write transaction.");
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PageSpace}, {pageId})", cancellationToken);
    }
}
