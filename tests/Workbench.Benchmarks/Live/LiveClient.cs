using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Workbench.Core.Editing;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;

namespace Workbench.Benchmarks.Live;

/// <summary>One editor: joins the page, applies broadcasts in sequence order with Core, records when each arrives.</summary>
public sealed class LiveClient(HubConnection connection, int pageId, PageState initial, ConcurrentDictionary<int, Arrival> arrivals) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<int, string> buffer = [];
    private PageState state = initial;

    public Exception? Failure { get; private set; }

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
        connection.On<AppliedOperation>(nameof(IPageClient.OperationApplied), applied =>
        {
            var now = Stopwatch.GetTimestamp();
            arrivals.AddOrUpdate(applied.Sequence, _ => new Arrival(1, now), (_, a) => new Arrival(a.Count + 1, Math.Max(a.Last, now)));
            lock (gate)
            {
                buffer.TryAdd(applied.Sequence, applied.Operation);
                try
                {
                    while (buffer.Remove(state.Version + 1, out var json))
                    {
                        var result = PageEditor.Apply(state, PageOperationJson.TryDeserialize(json)!);
                        state = result is OperationResult.Applied ok ? ok.NewState : throw new InvalidOperationException($"Operation {state.Version + 1} does not apply: {result}");
                    }
                }
                catch (InvalidOperationException e)
                {
                    Failure ??= e;
                }
            }
        });
        await connection.StartAsync();
        var join = await connection.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId);
        if (!join.Joined || join.State!.Page.Version != state.Version)
        {
            throw new InvalidOperationException($"Join failed or page not fresh: {join.Reason}");
        }
    }

    public async Task<ApplyOutcome> ApplyAsync(PageOperation operation)
    {
        using var json = JsonDocument.Parse(PageOperationJson.Serialize(operation));
        return await connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.Apply), pageId, Version, json.RootElement.Clone());
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
