using System.Net;
using System.Collections.Immutable;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;

namespace Workbench.Web.Tests.Support;

/// <summary>
/// A real SignalR client of <see cref="PageHub"/> over the test server, logged in as one user. It keeps a local
/// <see cref="PageState"/>: the imported state, brought up to date by its join (the entries after its version, or the
/// whole state) or from the catch-up log (operations applied with Core), then advanced by the hub's
/// <c>OperationsApplied</c> broadcasts, whose patches it applies strictly in sequence order, as a browser does (so the
/// patches themselves are checked against the server's state). Out-of-order entries wait in a buffer; a gap that does not
/// fill by itself is closed from <c>/operations?after=</c>.
/// </summary>
public sealed class PageClient : IAsyncDisposable
{
    private static readonly TimeSpan GapGrace = TimeSpan.FromMilliseconds(200);

    private readonly Lock gate = new();
    private readonly SortedDictionary<int, Func<PageState, PageState>> buffer = [];
    private readonly List<AppliedOperation> received = [];
    private readonly List<IReadOnlyList<int>> broadcasts = [];
    private readonly List<(int PageId, IReadOnlyList<PresenceEntry> Present)> presence = [];
    private readonly WorkbenchFactory factory;
    private readonly string cookie;
    private readonly int pageId;
    private PageState state;
    private HubConnection? connection;
    private Task catchUp = Task.CompletedTask;
    private int catchUps;

    private PageClient(WorkbenchFactory factory, HttpClient http, string cookie, string userName, int pageId, PageState initial)
    {
        this.factory = factory;
        Http = http;
        this.cookie = cookie;
        UserName = userName;
        this.pageId = pageId;
        state = initial;
    }

    public string UserName { get; }

    /// <summary>A client logged in over HTTP with this user's cookie; used for the catch-up log.</summary>
    public HttpClient Http { get; }

    public JoinResult? LastJoin { get; private set; }

    public HubConnection Connection => connection ?? throw new InvalidOperationException("Not connected.");

    public int Version
    {
        get
        {
            lock (gate)
            {
                return state.Version;
            }
        }
    }

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

    /// <summary>How many times a gap had to be closed from the catch-up log.</summary>
    public int CatchUps => Volatile.Read(ref catchUps);

    public IReadOnlyList<AppliedOperation> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    /// <summary>The sequence numbers of each <c>OperationsApplied</c> message received, in order.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Broadcasts
    {
        get
        {
            lock (gate)
            {
                return [.. broadcasts];
            }
        }
    }

    public IReadOnlyList<(int PageId, IReadOnlyList<PresenceEntry> Present)> PresenceMessages
    {
        get
        {
            lock (gate)
            {
                return [.. presence];
            }
        }
    }

    /// <summary>The state of a freshly imported seed page (version 0), as the importer builds it.</summary>
    public static PageState ImportedState(string seedPrefix)
    {
        var path = Repository.SeedPath(seedPrefix);
        return PageStates.FromSegmentation(Segmenter.Segment(PageReader.Read(Path.GetFileName(path), File.ReadAllBytes(path))));
    }

    /// <summary>Creates users (if missing) and makes them members of the demo project with <paramref name="role"/>.</summary>
    public static async Task CreateMembersAsync(WorkbenchFactory factory, IEnumerable<string> names, ProjectRole role)
    {
        var projectId = await factory.DemoProjectIdAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        foreach (var name in names)
        {
            var user = await users.FindByNameAsync(name) ?? await UserService.CreateAsync(users, name, WorkbenchFactory.Password);
            if (!db.ProjectMembers.Any(m => m.ProjectId == projectId && m.UserId == user.Id))
            {
                db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = role });
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Logs in and returns the value for a <c>Cookie</c> header plus a client carrying it.</summary>
    public static async Task<(HttpClient Http, string Cookie)> LoginAsync(WorkbenchFactory factory, string user)
    {
        var http = factory.AnonymousClient();
        var response = await http.PostFormAsync("/Account/Login", new() { ["Input.UserName"] = user, ["Input.Password"] = WorkbenchFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("workbench.auth", StringComparison.Ordinal)).Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(cookies);
        return (http, string.Join("; ", cookies));
    }

    /// <summary>A connected (not yet joined) client for <paramref name="user"/> on <paramref name="pageId"/>.</summary>
    public static async Task<PageClient> ConnectAsync(WorkbenchFactory factory, string user, int pageId, PageState initial, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var (http, cookie) = await LoginAsync(factory, user);
        var client = new PageClient(factory, http, cookie, user, pageId, initial);
        await client.StartAsync(transport);
        return client;
    }

    /// <summary>A hub connection over the test server; <paramref name="cookie"/> null makes it anonymous.</summary>
    public static HubConnection BuildConnection(WorkbenchFactory factory, string? cookie, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var server = factory.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/page"), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = transport;
                if (cookie is not null)
                {
                    o.Headers["Cookie"] = cookie;
                }

                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var ws = server.CreateWebSocketClient();
                    if (cookie is not null)
                    {
                        ws.ConfigureRequest = request => request.Headers.Cookie = cookie;
                    }

                    return await ws.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = WireJson.Options)
            .Build();
    }

    /// <summary>Opens a new connection (after <see cref="StopAsync"/> this is a reconnect; the local state is kept).</summary>
    public async Task StartAsync(HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var hub = BuildConnection(factory, cookie, transport);
        hub.On<AppliedOperations>(nameof(IPageClient.OperationsApplied), OnApplied);
        hub.On<int, IReadOnlyList<PresenceEntry>, long>(nameof(IPageClient.PresenceChanged), (page, present, _) =>
        {
            lock (gate)
            {
                presence.Add((page, present));
            }
        });
        await hub.StartAsync();
        connection = hub;
    }

    /// <summary>
    /// Joins the page with the local version: the answer's entries (or whole state) bring the local state up to the version
    /// the server reported; with <paramref name="fromLog"/> the log is read instead, as a check of the log.
    /// </summary>
    public async Task<JoinResult> JoinAsync(bool fromLog = false)
    {
        var result = await Connection.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, fromLog ? -1 : Version);
        LastJoin = result;
        if (result.Joined)
        {
            if (fromLog)
            {
                await CatchUpAsync();
            }
            else if (result.State is { } whole)
            {
                lock (gate)
                {
                    if (whole.Page.Version > state.Version)
                    {
                        state = FromWorkbench(whole, state);
                    }

                    Drain();
                }
            }
            else
            {
                lock (gate)
                {
                    foreach (var entry in result.Operations!)
                    {
                        Buffer(entry);
                    }

                    Drain();
                }
            }

            Assert.True(Version >= result.Version, $"{UserName} is at {Version} after joining at {result.Version}");
        }

        return result;
    }

    public Task<ApplyOutcome> ApplyAsync(PageOperation operation) => ApplyAsync(operation, Version);

    public Task<ApplyOutcome> ApplyAsync(PageOperation operation, int seenVersion) =>
        Connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.Apply), pageId, seenVersion, operation);

    /// <summary>An operation sent as the browser's undo or redo sends it (ApplyReplay): the server only labels its log entry.</summary>
    public Task<ApplyOutcome> ApplyReplayAsync(PageOperation operation, OperationReplay replay) =>
        Connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.ApplyReplay), pageId, Version, operation, replay);

    /// <summary>An operation with a comment (a request for changes, a reason, a confirmation), through ApplyWithComment.</summary>
    public async Task<ApplyOutcome> ApplyWithCommentAsync(PageOperation operation, string comment)
    {
        using var json = JsonDocument.Parse(PageOperationJson.Serialize(operation));
        return await Connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.ApplyWithComment), pageId, Version, json.RootElement.Clone(), comment);
    }

    public Task FocusAsync(int? articleKey) => Connection.InvokeAsync(nameof(PageHub.Focus), pageId, articleKey);

    /// <summary>Goes offline: the connection ends, the local state stays where it was.</summary>
    public async Task StopAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    /// <summary>Fetches every logged operation after the local version and applies it with Core.</summary>
    public async Task CatchUpAsync()
    {
        while (true)
        {
            var after = Version;
            var page = await Http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={after}", EditorState.Json);
            Assert.NotNull(page);
            lock (gate)
            {
                foreach (var logged in page)
                {
                    if (logged.Sequence > state.Version)
                    {
                        var operation = logged.Operation ?? throw new InvalidOperationException($"Operation {logged.Sequence} could not be read");
                        buffer[logged.Sequence] = s => ApplyLogged(s, logged.Sequence, operation);
                    }
                }

                Drain();
            }

            if (page.Count < OperationLog.MaxPage)
            {
                return;
            }
        }
    }

    /// <summary>Waits until the local version reaches <paramref name="version"/>, closing gaps from the log when stuck.</summary>
    public async Task WaitForVersionAsync(int version, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var lastSeen = -1;
        var stuckSince = DateTime.UtcNow;
        while (Version < version)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{UserName} stuck at version {Version}, expected {version} (buffered: {BufferedCount}, failure: {Failure})");
            }

            var now = Version;
            if (now != lastSeen)
            {
                (lastSeen, stuckSince) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - stuckSince > GapGrace)
            {
                Interlocked.Increment(ref catchUps);
                await CatchUpAsync();
                stuckSince = DateTime.UtcNow;
            }

            await Task.Delay(10);
        }
    }

    public int BufferedCount
    {
        get
        {
            lock (gate)
            {
                return buffer.Count;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            await catchUp;
        }
        catch (HttpRequestException)
        {
            // The server may be gone already.
        }

        Http.Dispose();
    }

    /// <summary>The first error met while applying broadcasts (handlers' exceptions are otherwise only logged).</summary>
    public Exception? Failure { get; private set; }

    private void OnApplied(AppliedOperations message)
    {
        lock (gate)
        {
            try
            {
                Apply(message);
            }
            catch (Exception e) when (e is InvalidOperationException or Xunit.Sdk.XunitException)
            {
                Failure ??= e;
            }
        }
    }

    private void Buffer(AppliedOperation entry)
    {
        if (entry.Sequence > state.Version)
        {
            buffer.TryAdd(entry.Sequence, entry.Patch.ApplyTo);
        }
    }

    private void Apply(AppliedOperations message)
    {
        Assert.Equal(pageId, message.PageId);
        Assert.NotEmpty(message.Operations);
        Assert.Equal(Enumerable.Range(message.Operations[0].Sequence, message.Operations.Count), message.Operations.Select(o => o.Sequence));
        broadcasts.Add([.. message.Operations.Select(o => o.Sequence)]);
        {
            foreach (var entry in message.Operations)
            {
                received.Add(entry);
                Buffer(entry);
            }

            Drain();
            if (buffer.Count > 0 && catchUp.IsCompleted)
            {
                // A gap: usually a broadcast overtaken by the next one and about to arrive; if not, fetch it.
                catchUp = CloseGapAsync();
            }
        }
    }

    private async Task CloseGapAsync()
    {
        await Task.Delay(GapGrace);
        bool gap;
        lock (gate)
        {
            gap = buffer.Count > 0;
        }

        if (gap)
        {
            Interlocked.Increment(ref catchUps);
            await CatchUpAsync();
        }
    }

    // Applies buffered operations while the next one in sequence is there. Caller holds the gate.
    private void Drain()
    {
        while (buffer.Count > 0)
        {
            var (sequence, entry) = buffer.First();
            if (sequence <= state.Version)
            {
                buffer.Remove(sequence);
                continue;
            }

            if (sequence != state.Version + 1)
            {
                return;
            }

            buffer.Remove(sequence);
            state = entry(state);
            Assert.Equal(sequence, state.Version);
        }
    }

    private PageState ApplyLogged(PageState current, int sequence, PageOperation operation) =>
        PageEditor.Apply(current, operation) is OperationResult.Applied applied
            ? applied.NewState
            : throw new InvalidOperationException($"{UserName}: logged operation {sequence} does not apply locally");

    /// <summary>The whole state a join answered with, as a Core state (counters carried from <paramref name="previous"/> where larger).</summary>
    public static PageState FromWorkbench(EditorState whole, PageState previous) => new(
        whole.Page.Version,
        whole.Lines.ToImmutableSortedDictionary(l => l.N, l => new LineState(l.N, l.Original, l.Text)),
        [.. whole.Articles.Select(PagePatch.ToArticle)],
        [.. whole.Entities.Select(e => new EntityState(e.Key, e.Label, e.Start, e.End, e.Text, e.Source, e.Layer)).OrderBy(e => e.Key)],
        Math.Max(previous.NextArticleKey, whole.Articles.Select(a => a.Key + 1).DefaultIfEmpty(1).Max()),
        Math.Max(previous.NextEntityKey, whole.Entities.Select(e => e.Key + 1).DefaultIfEmpty(1).Max()));
}
