using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Hubs;

/// <summary>The metrics are process-wide: tests that count them run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(LiveMetricsCollection), DisableParallelization = true)]
public sealed class LiveMetricsCollection;

/// <summary>
/// The typed wire contract: one JSON parse per incoming operation, one serialisation per outgoing message whatever the
/// number of listeners, operations over the old 32 KB message limit accepted, operations over a cap refused by name.
/// </summary>
[Collection(nameof(LiveMetricsCollection))]
public sealed class WireContractTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task OneParsePerOperation_OneSerialisationPerMessage_WhateverTheListeners()
    {
        var pageId = await factory.FreshPageAsync("000a_");
        var initial = await StoredAsync(pageId);
        var listeners = new List<PageClient>();
        foreach (var user in new[] { "reviewer", "admin", "annotator" })
        {
            var client = await PageClient.ConnectAsync(factory, user, pageId, initial);
            Assert.True((await client.JoinAsync()).Joined);
            listeners.Add(client);
        }

        var sender = listeners[2];
        var line = initial.Lines.Values.First(l => l.Text.Trim().Length > 0);
        const int operations = 10;
        using var counts = new PassCounter();
        var text = line.Text;
        for (var i = 0; i < operations; i++)
        {
            var ack = await sender.ApplyAsync(new EditLine(line.Number, text, text + "字"));
            Assert.True(ack.Accepted, ack.Reason);
            text += "字";
        }

        foreach (var client in listeners)
        {
            await client.WaitForVersionAsync(operations, TimeSpan.FromSeconds(10));
        }

        // Sequential: each operation is its own group, heard by three connections, serialised once.
        Assert.Equal(operations, counts["parse", "hub.invocation"]);
        Assert.Equal(operations, counts["write", "hub.completion"]);
        Assert.Equal(operations, counts["write", "hub.broadcast"]);
        Assert.Equal(operations, counts["write", "log.payload"]);
        Assert.Equal(0, counts["parse", "log.payload"]);
        Assert.Equal(operations, counts.Operations);
        Assert.Equal(operations, counts.Groups);

        // Queued together (a connection's calls run one at a time, so one per connection): one group, one broadcast.
        const int queuedTogether = 6;
        var senders = new List<PageClient>();
        for (var i = 0; i < queuedTogether; i++)
        {
            var client = await PageClient.ConnectAsync(factory, listeners[i % 3].UserName, pageId, listeners[0].State);
            Assert.True((await client.JoinAsync()).Joined);
            senders.Add(client);
        }

        using var grouped = new PassCounter();
        var cache = factory.Services.GetRequiredService<PageStateCache>();
        var release = new TaskCompletionSource();
        var held = cache.ExclusiveAsync(pageId, async () => { await release.Task; return 0; });
        var sent = new List<Task<ApplyOutcome>>();
        for (var i = 0; i < queuedTogether; i++)
        {
            sent.Add(senders[i].ApplyAsync(new SetTitle(initial.Articles[i].Key, initial.Articles[i].Title, $"t{i}")));
            var queued = i + 1;
            await Eventually.HoldsAsync(() => cache.PendingCount(pageId) == queued, $"{queued} queued");
        }

        release.SetResult();
        await held;
        Assert.All(await Task.WhenAll(sent), ack => Assert.True(ack.Accepted, ack.Reason));
        foreach (var client in listeners.Concat(senders))
        {
            await client.WaitForVersionAsync(operations + queuedTogether, TimeSpan.FromSeconds(10));
            Assert.Equal(Enumerable.Range(operations + 1, queuedTogether), client.Broadcasts[^1]);
        }

        Assert.Equal(queuedTogether, grouped["parse", "hub.invocation"]);
        Assert.Equal(1, grouped["write", "hub.broadcast"]); // heard by nine connections
        Assert.Equal(queuedTogether, grouped["write", "hub.completion"]);
        Assert.Equal(1, grouped.Groups);
        Assert.Equal(queuedTogether, grouped.Operations);
        foreach (var client in senders)
        {
            await client.DisposeAsync();
        }

        foreach (var client in listeners)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task ALargeUndo_OverTheOld32KLimit_Works_AndAnOperationOverTheCapIsRefusedByName()
    {
        var pageId = await factory.FreshPageAsync("000a_");
        var initial = await StoredAsync(pageId);
        await using var client = await PageClient.ConnectAsync(factory, "annotator", pageId, initial);
        Assert.True((await client.JoinAsync()).Joined);

        // Tag every character of the first lines, as "tag all" would, in one operation: its undo is one large message.
        var tags = new List<PageOperation>();
        foreach (var line in initial.Lines.Values.Where(l => initial.ArticleOfLine(l.Number) is not null))
        {
            for (var i = 0; i + 1 <= line.Text.Length && tags.Count < 1200; i++)
            {
                if (!char.IsSurrogate(line.Text[i]) && !char.IsWhiteSpace(line.Text[i]))
                {
                    tags.Add(new AddEntity("LOC", new Anchor(line.Number, i), new Anchor(line.Number, i + 1), line.Text[i].ToString()));
                }
            }
        }

        var tagged = await client.ApplyAsync(new Batch(tags));
        Assert.True(tagged.Accepted, tagged.Reason);
        var undo = tagged.Inverse!;
        Assert.True(JsonSerializer.Serialize(undo, WireJson.Options).Length > 32 * 1024, "the undo should be larger than SignalR's default 32 KB");
        var undone = await client.ApplyAsync(undo);
        Assert.True(undone.Accepted, undone.Reason);
        Assert.Empty((await StoredAsync(pageId)).Entities);

        // Over the cap of steps: refused by name, the connection stays.
        var tooMany = new Batch([.. Enumerable.Range(0, EditLimits.MaxSteps + 1).Select(_ => (PageOperation)new RemoveEntity(1))]);
        var refused = await client.ApplyAsync(tooMany);
        Assert.False(refused.Accepted);
        Assert.Equal(RefusalCodes.Invalid, refused.Code);
        Assert.Contains("at most 5000 steps", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        var title = await client.ApplyAsync(new SetTitle(initial.Articles[0].Key, initial.Articles[0].Title, new string('长', EditLimits.MaxTitle + 1)));
        Assert.Equal(RefusalCodes.Invalid, title.Code);
        Assert.Contains("at most 500 characters", title.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpOperations_AreBoundTyped_AndABodyThatIsNoOperationIsRefusedByName()
    {
        var pageId = await factory.FreshPageAsync();
        var state = await StoredAsync(pageId);
        var http = await factory.LoginAsync("annotator");

        // "kind" anywhere in the object; the inverse comes back as an object.
        var operation = $$$"""{"articleKey":{{{state.Articles[0].Key}}},"expectedTitle":{{{JsonSerializer.Serialize(state.Articles[0].Title)}}},"title":"新","kind":"setTitle"}""";
        var body = "{\"seenVersion\":0,\"operation\":" + operation + "}";
        var response = await http.PostAsync($"/api/pages/{pageId}/operations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var ack = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("setTitle", ack.GetProperty("inverse").GetProperty("kind").GetString());
        Assert.Equal(1, ack.GetProperty("version").GetInt32());

        foreach (var bad in new[] { """{"seenVersion":1,"operation":{"kind":"noSuchKind"}}""", """{"seenVersion":1}""", "not json" })
        {
            var refused = await http.PostAsync($"/api/pages/{pageId}/operations", new StringContent(bad, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(ServerMessages.BadOperation, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(1, await factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId)));
    }

    private Task<PageState> StoredAsync(int pageId) =>
        factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);

    /// <summary>Counts <see cref="LiveMetrics"/> measurements while it lives.</summary>
    private sealed class PassCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentDictionary<(string Pass, string What), long> passes = new();
        private long operations;
        private long groups;

        public PassCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LiveMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument == LiveMetrics.JsonPasses)
                {
                    string? pass = null, what = null;
                    foreach (var tag in tags)
                    {
                        (pass, what) = tag.Key == "pass" ? ((string?)tag.Value, what) : tag.Key == "what" ? (pass, (string?)tag.Value) : (pass, what);
                    }

                    passes.AddOrUpdate((pass!, what!), value, (_, v) => v + value);
                }
                else if (instrument == LiveMetrics.Operations)
                {
                    Interlocked.Add(ref operations, value);
                }
                else if (instrument == LiveMetrics.Groups)
                {
                    Interlocked.Add(ref groups, value);
                }
            });
            listener.Start();
        }

        public long this[string pass, string what] => passes.GetValueOrDefault((pass, what));

        public long Operations => Interlocked.Read(ref operations);

        public long Groups => Interlocked.Read(ref groups);

        public void Dispose() => listener.Dispose();
    }
}
