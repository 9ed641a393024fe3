using System.Collections.Concurrent;
using Workbench.Core.Editing;

namespace Workbench.Web.Editing;

/// <summary>
/// One app's per-page locks and the current state of recently edited pages, so an operation need not read the
/// whole page back from SQLite. <see cref="PageEditService"/> uses an entry only while the page's stored Version
/// still matches it (one small query under the page lock); writers that change a page without moving its version
/// (re-segmentation) run under the lock through <see cref="ExclusiveAsync{T}"/>, which forgets the entry. Another
/// process's writes move the version, and the version guard of every write still refuses a stale state.
/// </summary>
public sealed class PageStateCache
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> locks = new();
    private readonly ConcurrentDictionary<int, CachedPage> states = new();

    public sealed record CachedPage(int ProjectId, PageState State, IReadOnlyDictionary<int, double> Confidence);

    public SemaphoreSlim LockFor(int pageId) => locks.GetOrAdd(pageId, _ => new SemaphoreSlim(1, 1));

    public bool TryGet(int pageId, out CachedPage cached) => states.TryGetValue(pageId, out cached!);

    public void Set(int pageId, CachedPage cached) => states[pageId] = cached;

    /// <summary>Drops a page's cached state.</summary>
    public void Forget(int pageId) => states.TryRemove(pageId, out _);

    public bool IsCached(int pageId) => states.ContainsKey(pageId);

    /// <summary>Runs a write that bypasses the edit service under the page's lock, then forgets the page's cached state.</summary>
    public async Task<T> ExclusiveAsync<T>(int pageId, Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        var gate = LockFor(pageId);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            Forget(pageId);
            gate.Release();
        }
    }
}
