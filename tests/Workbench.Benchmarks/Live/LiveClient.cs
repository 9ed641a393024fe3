using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workbench.Core.Editing;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;

namespace Workbench.Benchmarks.Live;

/// <summary>
/// One editor: joins the page, applies the broadcasts' patches in sequence order (as a browser does), records when each
/// operation arrives. <see cref="PagePatch.ApplyTo"/> turns a patch into the next Core state.
/// </summary>
/// <param name="states">
/// The states the clients on a page have built, by page and version, shared between them. Every client on a page gets the
/// same patches, and <see cref="PagePatch.ApplyTo"/> is a pure function, so one client's result for a version is every
/// client's. In a browser each editor does this work on its own machine; here the clients share two cores with the server,
/// and fifty clients each rebuilding every state was harness work that the echo baselines (which only bind their messages)
/// do not pay. Each client still checks its patches arrive in order and ends on the server's state.
/// </param>
/// <param name="record">Keep every broadcast entry in <see cref="Received"/> (one client is enough for the patch echo: 50 copies of every patch kept to the end made the benchmark's heap, and its collections, grow with the run).</param>
public sealed class LiveClient(HubConnection connection, int pageId, PageState initial, ConcurrentDictionary<long, Arrival> arrivals, ConcurrentDictionary<long, PageState> states, bool record = false) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<int, JsonElement> buffer = [];
    private PageState state = initial;

    /// <summary>How many versions behind its own a client drops the shared states (a client further behind builds its own).</summary>
    private const int KeptVersions = 200;

    public Exception? Failure { get; private set; }

    public int PageId => pageId;

    /// <summary>Every broadcast entry this client received as it came, in arrival order (the patch echo baseline replays them); empty unless recording.</summary>
    public List<JsonElement> Received { get; } = [];

    public PageState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    public int Version => State.Version;

    public async Task StartAsync()
    {
        // Read as a browser reads it (JSON.parse into a tree), not bound into typed records: the fifty clients share two
        // cores with the server, and typed binding of every message by every client was harness CPU the server competed
        // with. A patch is bound from the tree only when a state is built from it, once for all the clients on the page.
        connection.On<JsonElement>(nameof(IPageClient.OperationsApplied), message =>
        {
            var now = Stopwatch.GetTimestamp();
            var entries = message.GetProperty("operations").EnumerateArray().Select(e => (Sequence: e.GetProperty("sequence").GetInt32(), Entry: e)).ToList();
            foreach (var (sequence, _) in entries)
            {
                arrivals.AddOrUpdate(Key(pageId, sequence), _ => new Arrival(1, now), (_, a) => new Arrival(a.Count + 1, Math.Max(a.Last, now)));
            }

            lock (gate)
            {
                foreach (var (sequence, entry) in entries)
                {
                    buffer.TryAdd(sequence, entry);
                    if (record)
                    {
                        Received.Add(entry);
                    }
                }

                try
                {
                    while (buffer.Remove(state.Version + 1, out var entry))
                    {
                        var from = state;
                        state = states.GetOrAdd(Key(pageId, from.Version + 1), _ => entry.GetProperty("patch").Deserialize<PagePatch>(WireJson.Options)!.ApplyTo(from));
                        states.TryRemove(Key(pageId, from.Version - KeptVersions), out _);
                    }
                }
                catch (InvalidOperationException e)
                {
                    Failure ??= e;
                }
            }
        });
        await connection.StartAsync();
        var join = await connection.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, state.Version);
        if (!join.Joined || join.Version != state.Version)
        {
            throw new InvalidOperationException($"Join failed or page not fresh: {join.Reason}");
        }
    }

    public Task<ApplyOutcome> ApplyAsync(PageOperation operation) =>
        connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.Apply), pageId, Version, operation);

    /// <summary>The arrivals key of a page's sequence number.</summary>
    public static long Key(int pageId, int sequence) => ((long)pageId << 32) | (uint)sequence;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
