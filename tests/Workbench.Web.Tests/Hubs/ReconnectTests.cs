using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Testing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Hubs;

public sealed class ReconnectTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task ClientOfflineWhileOthersEdit_CatchesUpFromTheLogOnReconnect()
    {
        var pageId = await factory.PageIdAsync("000a_");
        var imported = PageClient.ImportedState("000a_");
        await using var offline = await PageClient.ConnectAsync(factory, "annotator", pageId, imported);
        await using var editor = await PageClient.ConnectAsync(factory, "reviewer", pageId, imported);
        Assert.True((await offline.JoinAsync()).Joined);
        Assert.True((await editor.JoinAsync()).Joined);
        var before = offline.Version;

        await offline.StopAsync();
        var rng = new Random(7);
        var accepted = 0;
        for (var tries = 0; accepted < 100; tries++)
        {
            Assert.True(tries < 500, "the editor could not get 100 operations accepted");
            var outcome = await editor.ApplyAsync(RandomOperations.Next(editor.State, rng));
            if (outcome.Accepted)
            {
                accepted++;
                await editor.WaitForVersionAsync(outcome.Version, TimeSpan.FromSeconds(10));
            }
        }

        var dbVersion = await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == pageId).Select(p => p.Version).SingleAsync());
        Assert.Equal(before + 100, dbVersion);
        Assert.Equal(before, offline.Version);
        Assert.Empty(offline.Received);

        // What the client will fetch: exactly the 100 operations it missed, in order.
        var missed = await offline.Http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={before}", EditorState.Json);
        Assert.Equal(Enumerable.Range(before + 1, 100), missed!.Select(o => o.Sequence));

        await offline.StartAsync();
        var join = await offline.JoinAsync();

        Assert.True(join.Joined);
        Assert.Equal(dbVersion, join.Version);
        Assert.Equal(dbVersion, offline.Version);
        var server = await factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
        Assert.True(PageStates.AreEquivalent(server, offline.State, includeVersionAndCounters: false), "the reconnected client differs from the database");
        Assert.True(PageStates.AreEquivalent(server, editor.State, includeVersionAndCounters: false), "the editor differs from the database");

        // And it is live again: the next operation reaches it as a broadcast.
        var next = await editor.ApplyAsync(RandomOperations.Next(editor.State, rng));
        Assert.True(next.Accepted, next.Reason);
        await offline.WaitForVersionAsync(next.Version, TimeSpan.FromSeconds(10));
        Assert.Contains(offline.Received, r => r.Sequence == next.Version);
    }
}
