using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Workbench.Core.Editing;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;

namespace Workbench.Benchmarks.Live;

/// <summary>
/// One editor: joins the page, applies the broadcasts' patches in sequence order (as a browser does), records when each
/// operation arrives. <see cref="PagePatch.ApplyTo"/> turns a patch into the next Core state.
/// </summary>
/// <param name="record">Keep every broadcast entry in <see cref="Received"/> (one client is enough for the patch echo: 50 copies of every patch kept to the end made the benchmark's heap, and its collections, grow with the run).</param>
public sealed class LiveClient(HubConnection connection, int pageId, PageState initial, ConcurrentDictionary<long, Arrival> arrivals, bool record = false) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<int, PagePatch> buffer = [];
    private PageState state = initial;

    public Exception? Failure { get; private set; }

    public int PageId => pageId;

    /// <summary>Every broadcast entry this client received, in arrival order (the patch echo baseline replays them); empty unless recording.</summary>
    public List<AppliedOperation> Received { get; } = [];

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
        connection.On<AppliedOperations>(nameof(IPageClient.OperationsApplied), message =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var entry in message.Operations)
            {
                arrivals.AddOrUpdate(Key(message.PageId, entry.Sequence), _ => new Arrival(1, now), (_, a) => new Arrival(a.Count + 1, Math.Max(a.Last, now)));
            }

            lock (gate)
            {
                foreach (var entry in message.Operations)
                {
                    buffer.TryAdd(entry.Sequence, entry.Patch);
                    if (record)
                    {
                        Received.Add(entry);
                    }
                }

                try
                {
                    while (buffer.Remove(state.Version + 1, out var patch))
                    {
                        state = patch.ApplyTo(state);
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
