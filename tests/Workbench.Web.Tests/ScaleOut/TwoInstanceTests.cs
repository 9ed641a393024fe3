using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Testing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;
using Xunit.Abstractions;

namespace Workbench.Web.Tests.ScaleOut;

/// <summary>
/// Two real app processes on one PostgreSQL database and one Redis: 20 editors split across them, 200 random operations
/// each on one page. Whatever instance took an operation, the log stays 1..N without a gap, every acknowledged operation
/// is in it, and every client, the database and a replay of the log agree; presence and sign-in work across instances.
/// Needs the servers (`bash tests/run.sh` starts them); skipped without.
/// </summary>
[Trait("Category", "TwoInstances")]
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    private const int Clients = 20;
    private const int OperationsPerClient = 200;

    [ServersFact]
    public async Task TwentyClientsOnTwoInstances_ConvergeOnOneGaplessLog_WithSharedPresenceAndSignIn()
    {
        var clock = Stopwatch.StartNew();
        await using var instances = await AppInstances.StartAsync(2);
        var (a, b) = (instances.Addresses[0], instances.Addresses[1]);
        output.WriteLine($"two instances up in {clock.Elapsed.TotalSeconds:F1} s: {a} {b}");
        await using var app = instances.Services();

        int pageId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            Assert.Equal(1, await db.Projects.CountAsync(p => p.Name == DemoSeeder.DemoProjectName)); // seeded once, not twice
            pageId = await db.Pages.Where(p => p.SourceName.StartsWith("000a_")).Select(p => p.Id).SingleAsync();
        }

        var imported = PageClient.ImportedState("000a_");
        var names = Enumerable.Range(1, Clients).Select(i => $"twin{i:D2}").ToList();
        await instances.CreateMembersAsync(names.Select((n, i) => (n, i % 5 == 0 ? ProjectRole.Reviewer : ProjectRole.Annotator)));

        // A cookie and an antiforgery token from one instance work on the other: each client signs in with the form of
        // one instance posted to the other, then connects to the second.
        var clients = new List<RemoteClient>();
        for (var i = 0; i < Clients; i++)
        {
            var (home, other) = i % 2 == 0 ? (a, b) : (b, a);
            var cookie = await AppInstances.LoginAsync(other, home, names[i]);
            var client = new RemoteClient(home, cookie, names[i], pageId, imported);
            await client.StartAsync();
            clients.Add(client);
        }

        var crossCookie = await AppInstances.LoginAsync(a, a, names[0]);
        using (var onB = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = b })
        {
            onB.DefaultRequestHeaders.Add("Cookie", crossCookie);
            Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync($"/api/pages/{pageId}/state")).StatusCode);
        }

        try
        {
            // Presence: a newcomer on either instance sees the editors of both.
            foreach (var instance in new[] { a, b })
            {
                await using var probe = new RemoteClient(instance, await AppInstances.LoginAsync(instance, instance, names[0]), names[0], pageId, imported);
                var join = await probe.StartAsync();
                Assert.Equal(names.Order(StringComparer.Ordinal), join.Present.Select(p => p.UserName).Order(StringComparer.Ordinal));
            }

            // An operation posted over HTTP to A is in B's state and reaches the clients on B.
            var api = clients[0];
            var first = RandomOperations.Next(api.State, new Random(7));
            using (var body = JsonDocument.Parse(PageOperationJson.Serialize(first)))
            {
                var posted = await api.Http.PostAsJsonAsync($"/api/pages/{pageId}/operations", new { seenVersion = 0, operation = body.RootElement });
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            }

            using (var stateOnB = await clients[1].Http.GetAsync($"/api/pages/{pageId}/state"))
            {
                var version = (await stateOnB.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("page").GetProperty("version").GetInt32();
                Assert.Equal(1, version);
            }

            await Eventually.HoldsAsync(() => clients.Where(c => c.Instance == b).All(c => c.Version == 1), "the HTTP operation broadcast to the clients on B");

            clock.Restart();
            var results = await Task.WhenAll(clients.Select((client, i) => RunAsync(client, new Random(2000 + i))));
            var sending = clock.Elapsed;
            var all = results.SelectMany((r, i) => r.Select(x => (Client: i, x.Operation, x.Outcome))).ToList();
            var accepted = all.Where(x => x.Outcome.Accepted).ToList();

            List<Operation> log;
            PageState server;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
                log = await db.Operations.AsNoTracking().Where(o => o.PageId == pageId).OrderBy(o => o.Sequence).ToListAsync();
                server = (await PageStore.LoadAsync(db, pageId))!.Value.State;
            }

            var catchUps = await Task.WhenAll(clients.Select(c => c.WaitForVersionAsync(server.Version, TimeSpan.FromSeconds(60))));
            output.WriteLine($"{Clients}×{OperationsPerClient} on two instances: {accepted.Count} accepted, {all.Count - accepted.Count} rejected, sent in {sending.TotalSeconds:F1} s; gap catch-ups {catchUps.Sum()}");
            foreach (var reason in all.Where(x => !x.Outcome.Accepted).GroupBy(x => new string([.. (x.Outcome.Reason ?? "").Select(c => char.IsDigit(c) ? '#' : c)])).OrderByDescending(g => g.Count()).Take(8))
            {
                output.WriteLine($"  {reason.Count(),5} × {reason.Key}");
            }

            // The log: 1..N with no gap; N = the accepted operations (plus the HTTP one); each under its sender, as sent.
            Assert.Equal(Enumerable.Range(1, server.Version), log.Select(o => o.Sequence));
            Assert.Equal(accepted.Count + 1, server.Version);
            Assert.True(accepted.Count > Clients * OperationsPerClient / 10, $"only {accepted.Count} operations were accepted");
            var bySequence = log.ToDictionary(o => o.Sequence);
            var ids = await UserIdsAsync(app, names);
            foreach (var (client, operation, outcome) in accepted)
            {
                Assert.Equal(ids[names[client]], bySequence[outcome.Version].AuthorId);
                Assert.Equal(PageOperationJson.Serialize(operation), bySequence[outcome.Version].Payload);
            }

            var replayed = imported;
            foreach (var entry in log)
            {
                replayed = Assert.IsType<OperationResult.Applied>(PageEditor.Apply(replayed, PageOperationJson.TryDeserialize(entry.Payload)!)).NewState;
            }

            Assert.Equal(PageStates.ToCanonicalJson(replayed), PageStates.ToCanonicalJson(server));
            foreach (var client in clients)
            {
                Assert.Null(client.Failure);
                Assert.True(PageStates.AreEquivalent(server, client.State), $"{client.UserName} on {client.Instance} differs from the database");
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

    private static async Task<Dictionary<string, string>> UserIdsAsync(WebApplication app, List<string> names)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        return await db.Users.Where(u => names.Contains(u.UserName!)).ToDictionaryAsync(u => u.UserName!, u => u.Id);
    }

    private static async Task<List<(PageOperation Operation, ApplyOutcome Outcome)>> RunAsync(RemoteClient client, Random rng)
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
}
