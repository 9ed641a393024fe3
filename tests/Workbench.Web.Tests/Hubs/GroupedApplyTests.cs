using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Hubs;

/// <summary>
/// Operations queued for one page are applied in order as one group: one transaction, one broadcast listing each
/// operation, and each sender's own answer (its sequence number, or its refusal in its own language).
/// </summary>
public sealed class GroupedApplyTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task QueuedOperations_AreOneGroup_AndARefusedOneSpoilsNothing()
    {
        var pageId = await factory.FreshPageAsync("000a_");
        var initial = await StoredAsync(pageId);
        await ChineseAnnotatorAsync("group-zh");
        await using var a = await JoinedAsync("annotator", pageId, initial);
        await using var b = await JoinedAsync("group-zh", pageId, initial);
        await using var c = await JoinedAsync("reviewer", pageId, initial);
        var lines = initial.Lines.Values.Where(l => l.Text.Trim().Length > 2).Take(2).ToList();
        var (x, y) = (lines[0], lines[1]);
        var cache = factory.Services.GetRequiredService<PageStateCache>();

        // The page's turn is held while three operations queue up behind it, in this order.
        var release = new TaskCompletionSource();
        var held = cache.ExclusiveAsync(pageId, async () => { await release.Task; return 0; });
        var first = a.ApplyAsync(new EditLine(x.Number, x.Text, x.Text + "甲"));
        await Eventually.HoldsAsync(() => cache.PendingCount(pageId) == 1, "a's operation is queued");
        var stale = b.ApplyAsync(new EditLine(x.Number, x.Text, x.Text + "乙"));
        await Eventually.HoldsAsync(() => cache.PendingCount(pageId) == 2, "b's operation is queued");
        var third = c.ApplyAsync(new EditLine(y.Number, y.Text, y.Text + "丙"));
        await Eventually.HoldsAsync(() => cache.PendingCount(pageId) == 3, "c's operation is queued");
        release.SetResult();
        await held;

        var (ackA, ackB, ackC) = (await first, await stale, await third);
        Assert.True(ackA.Accepted, ackA.Reason);
        Assert.Equal(1, ackA.Version);
        Assert.IsType<EditLine>(ackA.Inverse);

        // b's edit is checked against the state a's edit left: refused, with the current text, in b's language.
        Assert.False(ackB.Accepted);
        Assert.Equal(RefusalCodes.Stale, ackB.Code);
        Assert.Equal(x.Text + "甲", ackB.CurrentValue);
        Assert.Equal($"第 {x.Number} 行在您加载后已被修改，您的编辑未生效。", ackB.Reason);
        Assert.Equal(1, ackB.Version);

        Assert.True(ackC.Accepted, ackC.Reason);
        Assert.Equal(2, ackC.Version);

        // One broadcast with both accepted operations, heard by everyone (authors included), in order.
        foreach (var client in new[] { a, b, c })
        {
            await client.WaitForVersionAsync(2, TimeSpan.FromSeconds(10));
            Assert.Equal([[1, 2]], client.Broadcasts);
            Assert.Equal([(1, "annotator"), (2, "reviewer")], client.Received.Select(r => (r.Sequence, Name(r.AuthorId))));
            Assert.Null(client.Failure);
        }

        var log = await factory.WithDbAsync(db => db.Operations.Where(o => o.PageId == pageId).OrderBy(o => o.Sequence).Select(o => new { o.Sequence, o.AuthorId, o.Payload }).ToListAsync());
        Assert.Equal([1, 2], log.Select(o => o.Sequence));
        var stored = await StoredAsync(pageId);
        Assert.Equal(x.Text + "甲", stored.Lines[x.Number].Text);
        Assert.Equal(y.Text + "丙", stored.Lines[y.Number].Text);
        Assert.True(PageStates.AreEquivalent(stored, a.State, includeVersionAndCounters: false), "a's state, built from the patches");
        Assert.Equal(0, cache.QueueCount);

        string Name(string id) => factory.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.UserName!).SingleAsync()).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task ConcurrentSenders_AreGrouped_AndEveryAcknowledgedOperationIsLoggedUnderItsSequence()
    {
        var pageId = await factory.FreshPageAsync("000a_");
        var initial = await StoredAsync(pageId);
        var clients = new List<PageClient>();
        foreach (var user in new[] { "annotator", "reviewer", "admin" })
        {
            clients.Add(await JoinedAsync(user, pageId, initial));
        }

        try
        {
            // Each sender corrects its own lines, as fast as its answers come back.
            var own = initial.Lines.Values.Where(l => l.Text.Trim().Length > 0).Take(30).Select(l => l.Number).ToList();
            var acks = await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                var result = new List<(int Line, ApplyOutcome Ack)>();
                var mine = own.Where((_, j) => j % clients.Count == i).ToList();
                var texts = mine.ToDictionary(n => n, n => initial.Lines[n].Text);
                for (var k = 0; k < 40; k++)
                {
                    var n = mine[k % mine.Count];
                    var ack = await client.ApplyAsync(new EditLine(n, texts[n], texts[n] + "字"));
                    if (ack.Accepted)
                    {
                        texts[n] += "字";
                    }

                    result.Add((n, ack));
                }

                return result;
            })));

            var all = acks.SelectMany(x => x).ToList();
            Assert.All(all, x => Assert.True(x.Ack.Accepted, x.Ack.Reason));
            Assert.Equal(Enumerable.Range(1, all.Count), all.Select(x => x.Ack.Version).Order());
            foreach (var client in clients)
            {
                await client.WaitForVersionAsync(all.Count, TimeSpan.FromSeconds(20));
                Assert.Null(client.Failure);
                Assert.Equal(Enumerable.Range(1, all.Count), client.Broadcasts.SelectMany(b => b));
            }

            // Under load the queue forms groups: fewer broadcasts than operations.
            var messages = clients[0].Broadcasts.Count;
            Assert.True(messages < all.Count, $"{messages} broadcasts for {all.Count} operations: nothing was grouped");

            var log = await factory.WithDbAsync(db => db.Operations.Where(o => o.PageId == pageId).ToDictionaryAsync(o => o.Sequence, o => o.Payload));
            foreach (var (line, ack) in all)
            {
                Assert.Contains($"\"line\":{line},", log[ack.Version], StringComparison.Ordinal);
            }

            var stored = await StoredAsync(pageId);
            Assert.All(clients, client => Assert.True(PageStates.AreEquivalent(stored, client.State, includeVersionAndCounters: false), client.UserName));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Join_WithTheVersionItHolds_GetsOnlyWhatChangedSince()
    {
        var pageId = await factory.FreshPageAsync();
        var initial = await StoredAsync(pageId);
        await using var editor = await JoinedAsync("annotator", pageId, initial);
        Assert.Empty(editor.LastJoin!.Operations!);
        Assert.Null(editor.LastJoin.State);

        var line = initial.Lines.Values.First(l => l.Text.Trim().Length > 0);
        var text = line.Text;
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await editor.ApplyAsync(new EditLine(line.Number, text, text + i))).Accepted);
            text += i;
        }

        // A page opened at version 0 joins with it: the three entries, no whole state.
        await using var late = await PageClient.ConnectAsync(factory, "reviewer", pageId, initial);
        var join = await late.JoinAsync();
        Assert.Equal(3, join.Version);
        Assert.Null(join.State);
        Assert.Equal([1, 2, 3], join.Operations!.Select(o => o.Sequence));
        Assert.Equal(text, late.State.Lines[line.Number].Text);

        // Asking for everything, or from a version the server no longer has entries for, gives the whole state.
        await using var whole = await PageClient.ConnectAsync(factory, "admin", pageId, initial);
        Assert.NotNull((await whole.Connection.InvokeAsync<Workbench.Web.Hubs.JoinResult>("Join", pageId, -1)).State);
        factory.Services.GetRequiredService<PageStateCache>().Forget(pageId);
        var afterRestart = await whole.JoinAsync();
        Assert.NotNull(afterRestart.State);
        Assert.Equal(3, afterRestart.State!.Page.Version);
        Assert.True(PageStates.AreEquivalent(await StoredAsync(pageId), whole.State, includeVersionAndCounters: false));
    }

    private async Task<PageClient> JoinedAsync(string user, int pageId, PageState initial)
    {
        var client = await PageClient.ConnectAsync(factory, user, pageId, initial);
        Assert.True((await client.JoinAsync()).Joined);
        return client;
    }

    private async Task ChineseAnnotatorAsync(string name)
    {
        await PageClient.CreateMembersAsync(factory, [name], ProjectRole.Annotator);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByNameAsync(name))!;
        user.Language = "zh-Hans";
        await users.UpdateAsync(user);
    }

    private Task<PageState> StoredAsync(int pageId) =>
        factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
}
