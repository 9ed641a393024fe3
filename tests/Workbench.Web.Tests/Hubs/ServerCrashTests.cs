using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Tests.Support;
using Xunit.Abstractions;

namespace Workbench.Web.Tests.Hubs;

/// <summary>
/// The server process is killed while editors are sending operations: after a restart, every operation that was
/// acknowledged is in the log, under its sequence number and author, as sent, and the stored page is the log replayed.
/// </summary>
public sealed class ServerCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ServerKilledMidLoad_EveryAcknowledgedOperationIsInTheLogAfterRestart()
    {
        await using var server = ServerProcess.Create("000a_");
        await server.StartAsync();
        int pageId;
        PageState initial;
        await using (var db = server.Db())
        {
            pageId = await db.Pages.Where(p => p.SourceName.StartsWith("000a_")).Select(p => p.Id).SingleAsync();
            initial = (await PageStore.LoadAsync(db, pageId))!.Value.State;
        }

        var users = new[] { "annotator", "reviewer", "admin", "annotator" };
        var acked = new ConcurrentBag<(int Sequence, string User, string Payload)>();
        var lines = initial.Lines.Values.Where(l => l.Text.Trim().Length > 0).Select(l => l.Number).ToList();
        var connections = new List<HubConnection>();
        foreach (var user in users)
        {
            var hub = server.Hub(await server.LoginAsync(user));
            await hub.StartAsync();
            Assert.True((await hub.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, 0)).Joined);
            connections.Add(hub);
        }

        // Each editor corrects its own lines as fast as its answers come; the server is killed while they do.
        using var stop = new CancellationTokenSource();
        var editors = connections.Select((hub, i) => Task.Run(async () =>
        {
            var mine = lines.Where((_, j) => j % connections.Count == i).ToList();
            var texts = mine.ToDictionary(n => n, n => initial.Lines[n].Text);
            for (var k = 0; !stop.IsCancellationRequested; k++)
            {
                var n = mine[k % mine.Count];
                PageOperation operation = new EditLine(n, texts[n], texts[n] + "校");
                ApplyOutcome ack;
                try
                {
                    ack = await hub.InvokeAsync<ApplyOutcome>(nameof(PageHub.Apply), pageId, 0, operation);
                }
                catch (Exception)
                {
                    return; // the server is gone: this answer never came
                }

                Assert.True(ack.Accepted, ack.Reason);
                texts[n] += "校";
                acked.Add((ack.Version, users[i], PageOperationJson.Serialize(operation)));
            }
        })).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acked.Count < 60 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(acked.Count >= 60, $"only {acked.Count} operations acknowledged: {server.Output}");
        await server.KillAsync();
        var atKill = acked.Count;
        await stop.CancelAsync();
        await Task.WhenAll(editors);
        foreach (var hub in connections)
        {
            await hub.DisposeAsync();
        }

        await server.StartAsync();
        var http = server.Http(await server.LoginAsync("reviewer"));
        var log = new List<LoggedOperation>();
        while (true)
        {
            var page = (await http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={log.Count}", WireJson.Options))!;
            log.AddRange(page);
            if (page.Count < OperationLog.MaxPage)
            {
                break;
            }
        }

        output.WriteLine($"{acked.Count} acknowledged ({atKill} when killed), {log.Count} in the log after restart");
        Assert.Equal(Enumerable.Range(1, log.Count), log.Select(o => o.Sequence));
        var bySequence = log.ToDictionary(o => o.Sequence);
        foreach (var (sequence, user, payload) in acked)
        {
            Assert.True(bySequence.TryGetValue(sequence, out var entry), $"acknowledged operation {sequence} is not in the log");
            Assert.Equal(user, entry.AuthorName);
            Assert.Equal(payload, PageOperationJson.Serialize(entry.Operation!));
        }

        await using (var db = server.Db())
        {
            var stored = (await PageStore.LoadAsync(db, pageId))!.Value.State;
            Assert.Equal(log.Count, stored.Version);
            var replayed = log.Aggregate(initial, (state, entry) => ((OperationResult.Applied)PageEditor.Apply(state, entry.Operation!)).NewState);
            Assert.True(PageStates.AreEquivalent(replayed, stored), "the stored page is not the log replayed");
        }
    }
}
