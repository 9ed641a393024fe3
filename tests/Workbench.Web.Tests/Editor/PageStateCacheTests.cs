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

namespace Workbench.Web.Tests.Editor;

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
        var segmenter = Resegmentation.Propose(loaded.Page, loaded.State, new Dictionary<int, Workbench.Core.Pages.LineBox>());
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

    private async Task<ApplyOutcome> ApplyAsync(int pageId, string userId, int seenVersion, PageOperation operation)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
        return (await edits.ApplyAsync(pageId, userId, "admin", ProjectRole.Admin, seenVersion, operation)).Outcome;
    }

    private Task<PageState> StoredAsync(int pageId) =>
        factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
}
