using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;

namespace Workbench.Web.Editing;

/// <summary>How many pages the cache keeps and how much memory they may take (configuration <c>Workbench:PageCache</c>).</summary>
public sealed record PageCacheOptions(int MaxPages = 500, long MaxBytes = 256L * 1024 * 1024)
{
    public static PageCacheOptions From(IConfiguration configuration) => new(
        configuration.GetValue("Workbench:PageCache:MaxPages", 500),
        configuration.GetValue("Workbench:PageCache:MaxMegabytes", 256L) * 1024 * 1024);
}

/// <summary>
/// One app's current state of recently used pages and each page's queue of writes.
/// <para>
/// States: an entry is used only while the page's stored Version and <see cref="Page.Resegmented"/> still match it
/// (<see cref="CurrentAsync"/> asks the database for both, one small query, and reloads the page when another process moved it on). It also keeps the
/// page's latest broadcast entries, so a client that opened the page a moment ago can catch up from them. Least recently
/// used entries go first when there are more than <see cref="PageCacheOptions.MaxPages"/> or they take more than
/// <see cref="PageCacheOptions.MaxBytes"/> (estimated from their text).
/// </para>
/// <para>
/// Queues: writes to one page wait in its queue; the first caller drains it (a group of operations, applied and
/// written together, see <see cref="PageEditService"/>) and hands the turn to the next waiter. A queue exists only while
/// it has work, so the dictionary holds no more than the pages being written right now. Writers that change a page
/// without moving its version (re-segmentation) take a turn alone through <see cref="ExclusiveAsync{T}"/>.
/// </para>
/// </summary>
public sealed class PageStateCache(PageCacheOptions? options = null)
{
    /// <summary>Broadcast entries kept per page for catch-up on join.</summary>
    public const int RecentEntries = 256;

    /// <summary>
    /// The most operations another instance may have written since a cached state for <see cref="CurrentAsync"/> to apply
    /// them to it rather than read the page again (applying a few is far cheaper than reading every line, article and entity).
    /// </summary>
    public const int MaxCatchUp = 256;

    private readonly PageCacheOptions limits = options ?? new PageCacheOptions();
    private readonly Lock gate = new();
    private readonly Dictionary<int, LinkedListNode<Slot>> slots = [];
    private readonly LinkedList<Slot> order = new(); // most recently used first
    private readonly Dictionary<int, PageQueue> queues = [];
    private long bytes;
    private long forgets;
    private long reads;

    /// <summary>How many times <see cref="CurrentAsync"/> has read a whole page from the database.</summary>
    internal long Reads => Interlocked.Read(ref reads);

    /// <param name="Recent">The latest broadcast entries, consecutive and ending at <c>State.Version</c> (may be empty).</param>
    public sealed record CachedPage(int ProjectId, PageState State, ImmutableList<AppliedOperation> Recent)
    {
        public CachedPage(int projectId, PageState state)
            : this(projectId, state, [])
        {
        }

        /// <summary>The page's <see cref="Page.Resegmented"/> when the state was read: with the version, what the stored page must still match.</summary>
        public int Resegmented { get; init; }

        /// <summary>True when this state is older than <paramref name="other"/> (re-segmentation happens only at version 0, so version first).</summary>
        public bool IsOlderThan(CachedPage other) =>
            State.Version < other.State.Version || (State.Version == other.State.Version && Resegmented < other.Resegmented);

        /// <summary>The entries after <paramref name="version"/>, or null when they are not all here.</summary>
        public IReadOnlyList<AppliedOperation>? After(int version)
        {
            if (version == State.Version)
            {
                return [];
            }

            var first = State.Version - Recent.Count;
            return version < first || version > State.Version ? null : Recent.GetRange(version - first, State.Version - version);
        }
    }

    private sealed record Slot(int PageId, CachedPage Page, long Size);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return slots.Count;
            }
        }
    }

    /// <summary>Estimated bytes held by the cached pages.</summary>
    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    /// <summary>Pages with a write queue right now (tests: queues do not outlive their work).</summary>
    public int QueueCount
    {
        get
        {
            lock (gate)
            {
                return queues.Count;
            }
        }
    }

    /// <summary>
    /// One write transaction at a time in this process when the database is SQLite (one writer for the whole file anyway):
    /// groups of different pages wait here in order instead of meeting the file's lock, whose busy retries sleep.
    /// </summary>
    public SemaphoreSlim SqliteWrites { get; } = new(1, 1);

    /// <summary>Writes waiting in the page's queue (not counting a group being written).</summary>
    public int PendingCount(int pageId)
    {
        lock (gate)
        {
            return queues.TryGetValue(pageId, out var queue) ? queue.Pending.Count : 0;
        }
    }

    public bool TryGet(int pageId, out CachedPage cached)
    {
        lock (gate)
        {
            if (slots.TryGetValue(pageId, out var node))
            {
                order.Remove(node);
                order.AddFirst(node);
                cached = node.Value.Page;
                return true;
            }
        }

        cached = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="cached"/> for the page unless a newer version is already kept.</summary>
    public void Set(int pageId, CachedPage cached) => Set(pageId, cached, null);

    /// <param name="readAfter">
    /// The <see cref="Forgets"/> count before the state was read from the database: when a page was forgotten since (a writer
    /// that does not move the version may have changed it), the state is not kept.
    /// </param>
    private void Set(int pageId, CachedPage cached, long? readAfter)
    {
        ArgumentNullException.ThrowIfNull(cached);
        var size = SizeOf(cached);
        lock (gate)
        {
            if (readAfter is { } mark && mark != forgets)
            {
                return;
            }

            if (slots.TryGetValue(pageId, out var existing))
            {
                if (cached.IsOlderThan(existing.Value.Page))
                {
                    return;
                }

                Remove(existing);
            }

            var node = order.AddFirst(new Slot(pageId, cached, size));
            slots[pageId] = node;
            bytes += size;
            while (order.Count > 0 && (slots.Count > limits.MaxPages || bytes > limits.MaxBytes))
            {
                Remove(order.Last!);
            }
        }
    }

    /// <summary>Drops a page's cached state.</summary>
    public void Forget(int pageId)
    {
        lock (gate)
        {
            forgets++;
            if (slots.TryGetValue(pageId, out var node))
            {
                Remove(node);
            }
        }
    }

    /// <summary>
    /// The page's current state: the cached one when the stored version and re-segmentation count still match it; the
    /// cached one brought up to date with the logged operations when another instance moved the page on by at most
    /// <see cref="MaxCatchUp"/>; else read from the database (and cached). Null when there is no such page.
    /// </summary>
    public async Task<CachedPage?> CurrentAsync(WorkbenchDbContext db, int pageId, CancellationToken cancellationToken = default)
    {
        long mark;
        lock (gate)
        {
            mark = forgets;
        }

        if (TryGet(pageId, out var cached))
        {
            var stamp = await EditQueries.StampAsync(db, pageId, cancellationToken);
            if (stamp is not null && stamp.Version == cached.State.Version && stamp.Resegmented == cached.Resegmented)
            {
                return cached;
            }

            if (stamp is not null && stamp.Resegmented == cached.Resegmented && stamp.Version > cached.State.Version && stamp.Version - cached.State.Version <= MaxCatchUp
                && await CatchUpAsync(db, pageId, cached, stamp.Version, cancellationToken) is { } caught)
            {
                Set(pageId, caught, mark);
                return caught;
            }

            Forget(pageId);
            if (stamp is null)
            {
                return null;
            }

            lock (gate)
            {
                mark = forgets;
            }
        }

        Interlocked.Increment(ref reads);
        var loaded = await PageStore.LoadAsync(db, pageId, cancellationToken);
        if (loaded is null)
        {
            return null;
        }

        var current = new CachedPage(loaded.Value.Page.ProjectId, loaded.Value.State) { Resegmented = loaded.Value.Page.Resegmented };
        Set(pageId, current, mark);
        return current;
    }

    /// <summary>
    /// <paramref name="cached"/> with the logged operations after its version up to <paramref name="version"/> applied, in order,
    /// as they were applied when written (Core is deterministic: the log's replay is the stored state, as the two-instance
    /// test checks); null when one is missing or does not apply as logged. The recent entries start again empty.
    /// </summary>
    private static async Task<CachedPage?> CatchUpAsync(WorkbenchDbContext db, int pageId, CachedPage cached, int version, CancellationToken cancellationToken)
    {
        var from = cached.State.Version;
        var logged = await db.Operations.AsNoTracking()
            .Where(o => o.PageId == pageId && o.Sequence > from && o.Sequence <= version)
            .OrderBy(o => o.Sequence)
            .Select(o => new { o.Sequence, o.Payload })
            .ToListAsync(cancellationToken);
        if (logged.Count != version - from)
        {
            return null;
        }

        var state = cached.State;
        foreach (var entry in logged)
        {
            if (PageOperationJson.TryDeserialize(entry.Payload) is not { } operation
                || PageEditor.Apply(state, operation) is not OperationResult.Applied applied
                || applied.NewState.Version != entry.Sequence)
            {
                return null;
            }

            state = applied.NewState;
        }

        return cached with { State = state, Recent = [] };
    }

    /// <summary>Runs a write that bypasses the edit service in the page's turn (no operation of the page runs meanwhile), then forgets the page's cached state.</summary>
    public async Task<T> ExclusiveAsync<T>(int pageId, Func<Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var job = new PageJob(alone: true);
        await EnterAsync(pageId, job);
        try
        {
            TakeGroup(pageId, int.MaxValue);
            return await write();
        }
        finally
        {
            Forget(pageId);
            Release(pageId);
        }
    }

    /// <summary>
    /// Queues <paramref name="job"/> on the page. Returns true when the caller holds the page's turn (it must then
    /// <see cref="TakeGroup"/>, do the work, complete the others and <see cref="Release"/>); false when another caller's
    /// turn completed the job.
    /// </summary>
    internal Task<bool> EnterAsync(int pageId, PageJob job)
    {
        lock (gate)
        {
            if (!queues.TryGetValue(pageId, out var queue))
            {
                queues[pageId] = queue = new PageQueue();
            }

            queue.Pending.Add(job);
            if (!queue.Draining)
            {
                queue.Draining = true;
                return Task.FromResult(true);
            }
        }

        return job.Turn.Task;
    }

    /// <summary>Takes the next group from the page's queue: one job that must run alone, or up to <paramref name="max"/> others.</summary>
    internal List<PageJob> TakeGroup(int pageId, int max)
    {
        lock (gate)
        {
            var pending = queues[pageId].Pending;
            var count = pending[0].Alone ? 1 : pending.TakeWhile(j => !j.Alone).Take(max).Count();
            var group = pending.GetRange(0, count);
            pending.RemoveRange(0, count);
            return group;
        }
    }

    /// <summary>Ends the caller's turn: the next waiting job's caller gets it, or the queue goes away.</summary>
    internal void Release(int pageId)
    {
        PageJob? next = null;
        lock (gate)
        {
            var queue = queues[pageId];
            if (queue.Pending.Count == 0)
            {
                queues.Remove(pageId);
            }
            else
            {
                next = queue.Pending[0];
            }
        }

        next?.Turn.TrySetResult(true);
    }

    private void Remove(LinkedListNode<Slot> node)
    {
        order.Remove(node);
        slots.Remove(node.Value.PageId);
        bytes -= node.Value.Size;
    }

    /// <summary>A rough size in bytes: strings at two bytes a character plus a fixed cost per object.</summary>
    public static long SizeOf(CachedPage page)
    {
        long size = 256;
        foreach (var line in page.State.Lines.Values)
        {
            size += 96 + 2L * (line.Text.Length + (ReferenceEquals(line.Text, line.Original) ? 0 : line.Original.Length));
        }

        foreach (var article in page.State.Articles)
        {
            size += 128 + 2L * article.Title.Length + 48L * article.Blocks.Count;
        }

        foreach (var entity in page.State.Entities)
        {
            size += 128 + 2L * (entity.Label.Length + entity.Text.Length);
        }

        // Recent entries: a flat estimate each (most are one line or one entity).
        return size + (640L * page.Recent.Count);
    }

    private sealed class PageQueue
    {
        public List<PageJob> Pending { get; } = [];

        public bool Draining { get; set; }
    }
}

/// <summary>A write waiting in a page's queue. <see cref="Turn"/> completes with true when its caller gets the page's turn, false when another caller's turn did the job.</summary>
internal class PageJob(bool alone)
{
    public bool Alone { get; } = alone;

    public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
