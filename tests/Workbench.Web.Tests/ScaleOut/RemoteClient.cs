using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;

namespace Workbench.Web.Tests.ScaleOut;

/// <summary>
/// An editor connected to one app instance over a real WebSocket (no negotiate, as the browser does behind the
/// backplane): applies the broadcasts in sequence order with Core, closes gaps from the instance's catch-up log.
/// </summary>
public sealed class RemoteClient : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<int, Func<PageState, PageState>> buffer = [];
    private readonly HubConnection connection;
    private readonly HttpClient http;
    private readonly int pageId;
    private PageState state;

    public RemoteClient(Uri instance, string cookie, string userName, int pageId, PageState initial)
    {
        Instance = instance;
        UserName = userName;
        this.pageId = pageId;
        state = initial;
        http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = instance };
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        connection = new HubConnectionBuilder()
            .WithUrl(new Uri(instance, "/hubs/page"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = cookie;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = WireJson.Options)
            .Build();
        connection.On<AppliedOperations>(nameof(IPageClient.OperationsApplied), message =>
        {
            lock (gate)
            {
                foreach (var applied in message.Operations.Where(a => a.Sequence > state.Version))
                {
                    buffer.TryAdd(applied.Sequence, applied.Patch.ApplyTo);
                }

                Drain();
            }
        });
    }

    public Uri Instance { get; }

    public string UserName { get; }

    public HttpClient Http => http;

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

    public async Task<JoinResult> StartAsync()
    {
        await connection.StartAsync();
        var join = await connection.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, -1);
        Assert.True(join.Joined, $"{UserName} could not join: {join.Reason}");
        await CatchUpAsync();
        return join;
    }

    public Task<JoinResult> JoinAgainAsync() => connection.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, -1);

    public Task<ApplyOutcome> ApplyAsync(PageOperation operation) =>
        connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.Apply), pageId, Version, operation);

    public async Task CatchUpAsync()
    {
        while (true)
        {
            var page = await http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={Version}", EditorState.Json);
            lock (gate)
            {
                foreach (var logged in page!.Where(l => l.Sequence > state.Version))
                {
                    var operation = logged.Operation ?? throw new InvalidOperationException($"operation {logged.Sequence} could not be read");
                    buffer.TryAdd(logged.Sequence, current => PageEditor.Apply(current, operation) is OperationResult.Applied ok
                        ? ok.NewState
                        : throw new InvalidOperationException($"{UserName}: operation {logged.Sequence} does not apply"));
                }

                Drain();
            }

            if (page!.Count < OperationLog.MaxPage)
            {
                return;
            }
        }
    }

    /// <summary>Waits for <paramref name="version"/>; a gap that stays for 300 ms is closed from the log. Returns how many catch-ups that took.</summary>
    public async Task<int> WaitForVersionAsync(int version, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var catchUps = 0;
        var last = -1;
        var since = DateTime.UtcNow;
        while (Version < version)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{UserName} on {Instance} stuck at {Version}, expected {version}; failure: {Failure}");
            }

            if (Version != last)
            {
                (last, since) = (Version, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since > TimeSpan.FromMilliseconds(300))
            {
                catchUps++;
                await CatchUpAsync();
                since = DateTime.UtcNow;
            }

            await Task.Delay(10);
        }

        return catchUps;
    }

    // Applies buffered operations while the next in sequence is there. Caller holds the gate.
    private void Drain()
    {
        try
        {
            while (buffer.Remove(state.Version + 1, out var next))
            {
                state = next(state);
            }

            foreach (var old in buffer.Keys.Where(k => k <= state.Version).ToList())
            {
                buffer.Remove(old);
            }
        }
        catch (InvalidOperationException e)
        {
            Failure ??= e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        http.Dispose();
    }
}
