using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Testing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;
using Xunit.Abstractions;

namespace Workbench.Web.Tests.Hubs;

/// <summary>
/// Many editors at once on one page over real SignalR connections: whatever the server accepts, in whatever
/// order, every client ends with the server's state, which is the log replayed from the imported page.
/// </summary>
public sealed class ConvergenceTests(WorkbenchFactory factory, ITestOutputHelper output) : IClassFixture<WorkbenchFactory>
{
    private const int Clients = 20;
    private const int OperationsPerClient = 200;

    [Fact]
    public async Task TwentyClients_TwoHundredRandomOperationsEach_AllConvergeOnTheLoggedState()
    {
        var pageId = await factory.PageIdAsync("000a_");
        var imported = PageClient.ImportedState("000a_");
        Assert.Equal(306, imported.Lines.Count);
        var names = Enumerable.Range(1, Clients).Select(i => $"editor{i:D2}").ToList();

        // Mostly annotators; a few reviewers so that review decisions go through too.
        await PageClient.CreateMembersAsync(factory, names.Where((_, i) => i % 5 != 0), ProjectRole.Annotator);
        await PageClient.CreateMembersAsync(factory, names.Where((_, i) => i % 5 == 0), ProjectRole.Reviewer);
        var userIds = await factory.WithDbAsync(db => db.Users.Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id));

        var clients = new List<PageClient>();
        foreach (var name in names)
        {
            var client = await PageClient.ConnectAsync(factory, name, pageId, imported);
            Assert.True((await client.JoinAsync()).Joined);
            clients.Add(client);
        }

        try
        {
            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(clients.Select((client, i) => RunAsync(client, new Random(1000 + i))));
            var sending = clock.Elapsed;

            var dbVersion = await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == pageId).Select(p => p.Version).SingleAsync());
            await Task.WhenAll(clients.Select(c => c.WaitForVersionAsync(dbVersion, TimeSpan.FromSeconds(30))));
            var converged = clock.Elapsed;

            var all = results.SelectMany((r, i) => r.Select(x => (Client: i, x.Operation, x.Outcome))).ToList();
            var accepted = all.Where(x => x.Outcome.Accepted).ToList();
            var rejected = all.Where(x => !x.Outcome.Accepted).ToList();
            output.WriteLine($"{Clients}×{OperationsPerClient}: {accepted.Count} accepted, {rejected.Count} rejected; sent in {sending.TotalSeconds:F1} s, converged at {converged.TotalSeconds:F1} s; gap catch-ups {clients.Sum(c => c.CatchUps)}");
            foreach (var reason in rejected.GroupBy(r => ReasonKind(r.Outcome.Reason)).OrderByDescending(g => g.Count()))
            {
                output.WriteLine($"  {reason.Count(),5} × {reason.Key}");
            }

            Assert.Equal(Clients * OperationsPerClient, all.Count);
            Assert.Equal(dbVersion, accepted.Count);
            Assert.True(accepted.Count > Clients * OperationsPerClient / 10, $"only {accepted.Count} operations were accepted");
            Assert.All(rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Outcome.Reason), $"rejected {r.Operation} without a reason"));

            // The log: sequences exactly 1..N; each acknowledged operation under its sequence, by its sender, as sent.
            var log = await factory.WithDbAsync(db => db.Operations.AsNoTracking().Where(o => o.PageId == pageId).OrderBy(o => o.Sequence).ToListAsync());
            Assert.Equal(Enumerable.Range(1, dbVersion), log.Select(o => o.Sequence));
            var bySequence = log.ToDictionary(o => o.Sequence);
            Assert.Equal(accepted.Count, accepted.Select(a => a.Outcome.Version).Distinct().Count());
            foreach (var (client, operation, outcome) in accepted)
            {
                var entry = bySequence[outcome.Version];
                Assert.Equal(userIds[names[client]], entry.AuthorId);
                Assert.Equal(PageOperationJson.Serialize(operation), entry.Payload);
            }

            // The same log over HTTP, as catch-up serves it, in pages.
            var http = clients[0].Http;
            var served = new List<LoggedOperation>();
            while (true)
            {
                var page = await http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={served.Count}", EditorState.Json);
                served.AddRange(page!);
                if (page!.Count < OperationLog.MaxPage)
                {
                    break;
                }
            }

            Assert.Equal(log.Select(o => (o.Sequence, o.AuthorId)), served.Select(o => (o.Sequence, o.AuthorId)));

            // Replaying the log from the imported page gives the server's state, and every client holds it.
            var replayed = imported;
            foreach (var entry in log)
            {
                var result = PageEditor.Apply(replayed, PageOperationJson.TryDeserialize(entry.Payload)!);
                replayed = Assert.IsType<OperationResult.Applied>(result).NewState;
            }

            var server = await factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
            Assert.Equal(dbVersion, server.Version);
            AssertEquivalent(replayed, server, "log replay vs database");
            foreach (var client in clients)
            {
                Assert.Null(client.Failure);
                Assert.Equal(server.Version, client.State.Version);
                AssertEquivalent(server, client.State, client.UserName, withCounters: false); // the client's state is built from the broadcast patches
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<List<(PageOperation Operation, ApplyOutcome Outcome)>> RunAsync(PageClient client, Random rng)
    {
        await Task.Yield();
        var results = new List<(PageOperation, ApplyOutcome)>(OperationsPerClient);
        for (var i = 0; i < OperationsPerClient; i++)
        {
            var operation = RandomOperations.Next(client.State, rng);
            results.Add((operation, await client.ApplyAsync(operation)));
        }

        return results;
    }

    private static string ReasonKind(string? reason) =>
        reason is null ? "(none)" : new string([.. reason.Select(c => char.IsDigit(c) ? '#' : c)]);

    private static void AssertEquivalent(PageState expected, PageState actual, string what, bool withCounters = true)
    {
        var a = PageStates.ToCanonicalJson(expected, withCounters);
        var b = PageStates.ToCanonicalJson(actual, withCounters);
        if (!string.Equals(a, b, StringComparison.Ordinal))
        {
            var at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i]);
            Assert.Fail($"{what}: states differ at {at}: …{a[Math.Max(0, at - 80)..Math.Min(a.Length, at + 80)]}… vs …{b[Math.Max(0, at - 80)..Math.Min(b.Length, at + 80)]}…");
        }

        Assert.True(PageStates.AreEquivalent(expected, actual, withCounters), what);
    }
}
