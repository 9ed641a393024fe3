using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Testing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Editing;

/// <summary>The edit path's cache of current page states: used only while it matches what is stored.</summary>
public sealed class PageStateCacheTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task CachedState_AfterManyOperations_IsWhatIsStored()
    {
        var pageId = await factory.FreshPageAsync("000a_");
        var (userId, cache) = (await factory.UserIdAsync("admin"), factory.Services.GetRequiredService<PageStateCache>());
        var rng = new Random(7);
        var applied = 0;
        for (var i = 0; i < 60; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
            var state = await StoredAsync(pageId);
            var (outcome, _) = await edits.ApplyAsync(pageId, userId, "admin", ProjectRole.Admin, state.Version, RandomOperations.Next(state, rng));
            applied += outcome.Accepted ? 1 : 0;
        }

        Assert.True(applied > 30, $"only {applied} operations applied");
        Assert.True(cache.TryGet(pageId, out var cached));
        var stored = await StoredAsync(pageId);
        Assert.Equal(stored.Version, cached.State.Version);
        Assert.True(PageStates.AreEquivalent(stored, cached.State), "cached state differs from the stored one");
    }

    [Fact]
    public async Task WriteByAnotherInstance_IsNeverOverwritten_AndStaleEditsAreRefused()
    {
        var pageId = await factory.FreshPageAsync();
        var userId = await factory.UserIdAsync("admin");
        var before = await StoredAsync(pageId);
        var (one, two) = (before.Lines[1].Text, before.Lines[2].Text);

        // This app edits line 2 (and caches the page at version 1).
        Assert.True((await ApplyAsync(pageId, userId, 0, new EditLine(2, two, two + "甲"))).Accepted);

        // Another app instance (its own cache, same database) edits line 1: version 2.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var other = new PageEditService(
                scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>(), TimeProvider.System,
                scope.ServiceProvider.GetRequiredService<IHubContext<PageHub, IPageClient>>());
            Assert.True((await other.ApplyAsync(pageId, userId, "admin", ProjectRole.Admin, 1, new EditLine(1, one, one + "乙"))).Outcome.Accepted);
        }

        // An edit based on line 1 as this app's cache knew it is refused; it does not undo the other instance's edit.
        var stale = await ApplyAsync(pageId, userId, 1, new EditLine(1, one, one + "丙"));
        Assert.False(stale.Accepted);
        Assert.Equal(2, stale.Version);

        // A fresh edit lands on top of both.
        Assert.True((await ApplyAsync(pageId, userId, 2, new EditLine(2, two + "甲", two + "甲丁"))).Accepted);
        var after = await StoredAsync(pageId);
        Assert.Equal(one + "乙", after.Lines[1].Text);
        Assert.Equal(two + "甲丁", after.Lines[2].Text);
        Assert.Equal(3, after.Version);
        Assert.True(factory.Services.GetRequiredService<PageStateCache>().TryGet(pageId, out var cached));
        Assert.True(PageStates.AreEquivalent(after, cached.State));
    }

    [Fact]
    public async Task Resegmentation_DropsTheCachedState()
    {
        var pageId = await factory.FreshPageAsync();
        var userId = await factory.UserIdAsync("admin");
        var cache = factory.Services.GetRequiredService<PageStateCache>();

        // A refused operation still reads (and caches) the page at version 0.
        var refused = await ApplyAsync(pageId, userId, 0, new EditLine(1, "not the text", "x"));
        Assert.False(refused.Accepted);
        Assert.True(cache.TryGet(pageId, out _));

        // Re-segment into one article per line: the version stays 0, the articles change.
        var loaded = (await factory.WithDbAsync(db => PageStore.LoadAsync(db, pageId)))!.Value;
        var segmenter = await factory.WithDbAsync(db => Resegmentation.ProposeAsync(db, loaded.Page));
        var proposal = segmenter with
        {
            Articles = loaded.State.Lines.Values
                .Select(l => new SegmentArticle($"line {l.Number}", [new SegmentBlock(BlockRole.Body, l.Number, l.Number)], 0.5))
                .ToList(),
        };
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await Resegmentation.ApplyAsync(scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>(), cache, pageId, proposal));
        }

        Assert.False(cache.TryGet(pageId, out _));

        // The next operation works on the new articles.
        var resegmented = await StoredAsync(pageId);
        var first = resegmented.Articles[0];
        Assert.True((await ApplyAsync(pageId, userId, 0, new MergeArticles(resegmented.Articles[1].Key, first.Key))).Accepted);
        var after = await StoredAsync(pageId);
        Assert.Equal(resegmented.Articles.Count - 1, after.Articles.Count);
        Assert.True(cache.TryGet(pageId, out var cached));
        Assert.True(PageStates.AreEquivalent(after, cached.State));
    }

    [Fact]
    public async Task ResegmentationByAnotherInstance_IsSeen_AndNoEditIsWrittenFromTheOldArticles()
    {
        var pageId = await factory.FreshPageAsync();
        var userId = await factory.UserIdAsync("admin");
        var before = await StoredAsync(pageId);
        Assert.True(before.Articles.Count >= 2, "the page needs two articles, so the merge below is valid against the old ones too");

        // Instance B (its own cache and edit service, same database) caches the page at version 0 with the old articles.
        var cacheB = new PageStateCache();
        await using var scopeB = factory.Services.CreateAsyncScope();
        var dbB = scopeB.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var editsB = new PageEditService(dbB, TimeProvider.System, scopeB.ServiceProvider.GetRequiredService<IHubContext<PageHub, IPageClient>>(), cacheB);
        Assert.False((await editsB.ApplyAsync(pageId, userId, "admin", ProjectRole.Admin, 0, new EditLine(1, "not the text", "x"))).Outcome.Accepted);
        Assert.True(cacheB.TryGet(pageId, out var cachedOld));
        Assert.True(PageStates.AreEquivalent(before, cachedOld.State));

        // Instance A (the app's own cache) re-segments the page into one article per line: version stays 0.
        await ResegmentPerLineAsync(pageId, factory.Services.GetRequiredService<PageStateCache>());
        var resegmented = await StoredAsync(pageId);
        Assert.Equal(0, resegmented.Version);
        Assert.NotEqual(before.Articles.Count, resegmented.Articles.Count);

        // B's next read shows the new articles, not its cached old ones.
        dbB.ChangeTracker.Clear();
        var read = await cacheB.CurrentAsync(dbB, pageId);
        Assert.True(PageStates.AreEquivalent(resegmented, read!.State), "instance B still reads the articles from before the re-segmentation");

        // B caches the old state again (as if it had read the page just before the re-segmentation committed): an operation
        // sent to B with seenVersion 0 is applied against the new articles all the same.
        cacheB.Forget(pageId);
        cacheB.Set(pageId, cachedOld);
        var (outcome, _) = await editsB.ApplyAsync(pageId, userId, "admin", ProjectRole.Admin, 0, new MergeArticles(resegmented.Articles[1].Key, resegmented.Articles[0].Key));
        Assert.True(outcome.Accepted, outcome.Reason);
        var after = await StoredAsync(pageId);
        Assert.Equal(1, after.Version);
        Assert.Equal(resegmented.Articles.Count - 1, after.Articles.Count);
        Assert.Equal(resegmented.Articles[0].Title, after.Articles[0].Title);
        Assert.True(cacheB.TryGet(pageId, out var cachedB));
        Assert.True(PageStates.AreEquivalent(after, cachedB.State), "instance B's state differs from what is stored");
    }

    [Fact]
    public async Task OperationsByAnotherInstance_AreAppliedFromTheLog_NotReadAgain()
    {
        var pageId = await factory.FreshPageAsync("000a_");
        var userId = await factory.UserIdAsync("admin");

        // Instance B (its own cache, same database) has the page at version 0.
        var cacheB = new PageStateCache();
        await using var scopeB = factory.Services.CreateAsyncScope();
        var dbB = scopeB.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        Assert.Equal(0, (await cacheB.CurrentAsync(dbB, pageId))!.State.Version);

        // Instance A (the app) writes random operations: line edits with 𠀀 and 😀, splits, merges, tags.
        var rng = new Random(11);
        for (var i = 0; i < 40; i++)
        {
            var state = await StoredAsync(pageId);
            await ApplyAsync(pageId, userId, state.Version, RandomOperations.Next(state, rng));
        }

        var stored = await StoredAsync(pageId);
        Assert.True(stored.Version > 20, $"only {stored.Version} operations applied");

        // B's next read applies the logged operations to its state instead of reading the page: the same state.
        var reads = cacheB.Reads;
        dbB.ChangeTracker.Clear();
        var caught = (await cacheB.CurrentAsync(dbB, pageId))!.State;
        Assert.Equal(reads, cacheB.Reads);
        Assert.Equal(stored.Version, caught.Version);
        Assert.Equal(PageStates.ToCanonicalJson(stored), PageStates.ToCanonicalJson(caught));

        // A gap in the log (a missing entry) is not guessed over: B reads the page again.
        Assert.True((await ApplyAsync(pageId, userId, stored.Version, new EditLine(1, stored.Lines[1].Text, stored.Lines[1].Text + "改"))).Accepted);
        Assert.True((await ApplyAsync(pageId, userId, stored.Version + 1, new EditLine(1, stored.Lines[1].Text + "改", stored.Lines[1].Text))).Accepted);
        await factory.WithDbAsync(db => db.Operations.Where(o => o.PageId == pageId && o.Sequence == stored.Version + 1).ExecuteDeleteAsync());
        dbB.ChangeTracker.Clear();
        var reread = (await cacheB.CurrentAsync(dbB, pageId))!.State;
        Assert.Equal(reads + 1, cacheB.Reads);
        Assert.Equal(stored.Version + 2, reread.Version);
        Assert.Equal(PageStates.ToCanonicalJson(await StoredAsync(pageId)), PageStates.ToCanonicalJson(reread));
    }

    private async Task ResegmentPerLineAsync(int pageId, PageStateCache cache)
    {
        var loaded = (await factory.WithDbAsync(db => PageStore.LoadAsync(db, pageId)))!.Value;
        var proposal = await factory.WithDbAsync(db => Resegmentation.ProposeAsync(db, loaded.Page)) with
        {
            Articles = loaded.State.Lines.Values
                .Select(l => new SegmentArticle($"line {l.Number}", [new SegmentBlock(BlockRole.Body, l.Number, l.Number)], 0.5))
                .ToList(),
        };
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.True(await Resegmentation.ApplyAsync(scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>(), cache, pageId, proposal));
    }

    private async Task<ApplyOutcome> ApplyAsync(int pageId, string userId, int seenVersion, PageOperation operation)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
        return (await edits.ApplyAsync(pageId, userId, "admin", ProjectRole.Admin, seenVersion, operation)).Outcome;
    }

    private Task<PageState> StoredAsync(int pageId) =>
        factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
}

/// <summary>The cache's bounds: pages by count and by estimated memory, least recently used first; queues only while busy.</summary>
public sealed class PageStateCacheLimitTests
{
    [Fact]
    public void MoreThanMaxPages_DropsTheLeastRecentlyUsed()
    {
        var cache = new PageStateCache(new PageCacheOptions(MaxPages: 3, MaxBytes: long.MaxValue));
        for (var id = 1; id <= 3; id++)
        {
            cache.Set(id, Page(id, lines: 5));
        }

        Assert.True(cache.TryGet(1, out _)); // used: now the most recent
        cache.Set(4, Page(4, lines: 5));

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet(2, out _));
        Assert.True(cache.TryGet(1, out _));
        Assert.True(cache.TryGet(3, out _));
        Assert.True(cache.TryGet(4, out _));
    }

    [Fact]
    public void MoreThanMaxBytes_DropsPagesUntilTheRestFits()
    {
        var big = PageStateCache.SizeOf(Page(0, lines: 300));
        var cache = new PageStateCache(new PageCacheOptions(MaxPages: 100, MaxBytes: (2 * big) + (big / 2)));
        cache.Set(1, Page(1, lines: 300));
        cache.Set(2, Page(2, lines: 300));
        Assert.Equal(2, cache.Count);

        cache.Set(3, Page(3, lines: 300));

        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet(1, out _));
        Assert.True(cache.Bytes <= (2 * big) + (big / 2));

        cache.Forget(2);
        cache.Forget(3);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void AnOlderVersion_NeverReplacesANewerOne()
    {
        var cache = new PageStateCache();
        cache.Set(1, Page(1, lines: 2, version: 5));
        cache.Set(1, Page(1, lines: 2, version: 4));

        Assert.True(cache.TryGet(1, out var kept));
        Assert.Equal(5, kept.State.Version);
    }

    [Fact]
    public void AStateFromBeforeAResegmentation_NeverReplacesOneFromAfter()
    {
        var cache = new PageStateCache();
        cache.Set(1, Page(1, lines: 2) with { Resegmented = 1 });
        cache.Set(1, Page(1, lines: 2) with { Resegmented = 0 });

        Assert.True(cache.TryGet(1, out var kept));
        Assert.Equal(1, kept.Resegmented);
    }

    [Fact]
    public async Task AnExclusiveWrite_WaitsForTheQueue_AndTheQueueGoesAwayAfterwards()
    {
        var cache = new PageStateCache();
        var first = new TaskCompletionSource();
        var order = new List<string>();
        var one = cache.ExclusiveAsync(7, async () => { await first.Task; order.Add("one"); return 1; });
        var two = cache.ExclusiveAsync(7, () => { order.Add("two"); return Task.FromResult(2); });
        Assert.Equal(1, cache.QueueCount);
        Assert.False(two.IsCompleted);

        first.SetResult();
        var results = await Task.WhenAll(one, two);
        Assert.Equal([1, 2], results);
        Assert.Equal(["one", "two"], order);
        Assert.Equal(0, cache.QueueCount);
    }

    private static PageStateCache.CachedPage Page(int id, int lines, int version = 0)
    {
        var text = Enumerable.Range(1, lines).Select(n => new Workbench.Core.Pages.SourceLine(n, new string('字', 40) + id)).ToList();
        var state = PageStates.FromSegmentation(new PageSegmentation(new Workbench.Core.Pages.SourcePage("p.txt", Workbench.Core.Pages.SourceFormat.Text, text), []));
        return new PageStateCache.CachedPage(1, state with { Version = version });
    }
}
