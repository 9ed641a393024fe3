using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Testing;
using Workbench.Web.Data;
using Workbench.Web.Editing;

namespace Workbench.Benchmarks.Live;

/// <summary>
/// Live load on the real app over Kestrel and WebSockets, with an echo hub (broadcast only) driven by the same clients
/// as the baseline in the same run.
/// <list type="bullet">
/// <item>Closed loop (default): N users on the 306-line sample page, each sending its next operation when the last is
/// answered; per operation, send → the last client has its broadcast.</item>
/// <item>Open loop (<c>--pages P --rate R</c>): N users spread over P copies of the page, each sending an operation R times
/// a second on its page whatever the answers; per operation, its scheduled time → the last client on that page has it.</item>
/// </list>
/// </summary>
public static partial class LiveBenchmark
{
    private static readonly HashSet<Type> Kinds = [typeof(EditLine), typeof(AddEntity), typeof(RemoveEntity), typeof(SplitArticle), typeof(MergeArticles)];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = IntArg(args, "--clients", 20);
        var ops = IntArg(args, "--ops", 2000);
        var pages = IntArg(args, "--pages", 1);
        var rate = DoubleArg(args, "--rate", 0);
        var jsonOut = StringArg(args, "--json");
        var instanceCount = IntArg(args, "--instances", 1);
        var redis = StringArg(args, "--redis");
        var openLoop = rate > 0;
        var perClient = Math.Max(1, ops / clients);
        var warmup = IntArg(args, "--warmup", 0);
        if (instanceCount > 1 && (redis is null || StringArg(args, "--database") is not ("postgres" or "postgresql")))
        {
            Console.Error.WriteLine("--instances 2 needs --database postgres [--postgres \"Host=…\"] and --redis HOST:PORT");
            return 2;
        }

        // One instance: the app over a SQLite file (or PostgreSQL); several: all on one PostgreSQL database and one Redis,
        // clients spread over them in turn, the echo baseline through the same backplane.
        using var database = BenchDatabase.FromArgs(StringArg(args, "--database"), StringArg(args, "--postgres"), "unused");
        var prefix = "wbbench-" + Guid.NewGuid().ToString("N")[..12];
        var instances = new List<LiveFactory>();
        for (var i = 0; i < instanceCount; i++)
        {
            var instance = database.IsPostgres || redis is not null ? new LiveFactory(database, redis!, prefix) : new LiveFactory();
            instance.Start();
            instances.Add(instance);
        }

        using var factory = instances[0];
        var where = $"{string.Join(", ", instances.Select(f => f.BaseAddress))} ({database.Name}{(redis is null ? "" : ", Redis " + redis)})";
        Console.WriteLine(openLoop
            ? $"Workbench on {where}; {clients} users on {pages} pages, each sending {rate:0.##} operations/s ({perClient} each, open loop, WebSockets)"
            : $"Workbench on {where}; {clients} clients × {perClient} operations (closed loop, WebSockets)");

        var (pageIds, userIds) = await PrepareAsync(factory, clients, pages);
        if (IntArg(args, "--profile", 0) is var profileOnly and > 0)
        {
            // Only the sequential in-process profile (for a CPU profiler): N operations by one user, nobody listening.
            var alone = await ProfileAsync(factory, pageIds[0], userIds["live00"], profileOnly);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{alone.operations} operations: {alone.op_ms:F2} ms each, CPU {alone.cpu_ms:F2} ms, SQL {alone.sql_ms:F2} ms in {alone.statements:F1} statements"));
            return 0;
        }

        var initial = new Dictionary<int, PageState>();
        foreach (var pageId in pageIds)
        {
            initial[pageId] = await LoadAsync(factory, pageId);
        }

        Uri Home(int client) => instances[client % instances.Count].BaseAddress;
        var skip = factory.SkipNegotiation;
        var cookies = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => LoginAsync(Home(i), $"live{i:D2}")));
        int PageOf(int client) => pageIds[client % pageIds.Count];
        var listeners = pageIds.ToDictionary(p => p, p => Enumerable.Range(0, clients).Count(i => PageOf(i) == p));

        // Workbench.
        using var groups = new GroupCounter();
        var arrivals = new ConcurrentDictionary<long, Arrival>();
        var live = new List<LiveClient>();
        var states = new ConcurrentDictionary<long, PageState>();
        for (var i = 0; i < clients; i++)
        {
            var client = new LiveClient(Connect(Home(i), "/hubs/page", cookies[i], skip), PageOf(i), initial[PageOf(i)], arrivals, states, record: i == 0);
            await client.StartAsync();
            live.Add(client);
        }

        if (warmup > 0)
        {
            // Not measured: the same clients send these first (closed loop, other seeds), so that the measured operations run on
            // the edit path's compiled code as the baselines, which run later, run on theirs.
            await Task.WhenAll(live.Select((client, index) => Task.Run(async () =>
            {
                var rng = new Random(1000 + index);
                for (var i = 0; i < Math.Max(1, warmup / clients); i++)
                {
                    await client.ApplyAsync(NextOperation(client.State, rng));
                }
            })));
            var warm = await CaughtUpAsync();

            arrivals.Clear();
            live[0].Received.Clear();
            Console.WriteLine($"warmed up: {warm.Values.Sum()} operations accepted");
        }

        var sent = new ConcurrentBag<(int Client, long Start, ApplyOutcome Outcome)>();
        Console.WriteLine("clients joined; sending");
        var workbenchCpu = ProcessCpu.Start();
        var clock = Stopwatch.StartNew();
        var interval = openLoop ? TimeSpan.FromSeconds(1 / rate) : TimeSpan.Zero;
        await Task.WhenAll(live.Select((client, index) => Task.Run(async () =>
        {
            var rng = new Random(4242 + index);
            if (!openLoop)
            {
                for (var i = 0; i < perClient; i++)
                {
                    var operation = NextOperation(client.State, rng);
                    var start = Stopwatch.GetTimestamp();
                    sent.Add((index, start, await client.ApplyAsync(operation)));
                }

                return;
            }

            // Open loop: sends on schedule (a random phase per user), not waiting for answers; latency counts from the schedule.
            var origin = Stopwatch.GetTimestamp() + (long)(rng.NextDouble() * interval.TotalSeconds * Stopwatch.Frequency);
            var inFlight = new List<Task>();
            for (var i = 0; i < perClient; i++)
            {
                var scheduled = origin + (long)(i * interval.TotalSeconds * Stopwatch.Frequency);
                await DelayUntilAsync(scheduled);
                var operation = NextOperation(client.State, rng);
                inFlight.Add(SendAsync(client, operation, scheduled, index));
            }

            await Task.WhenAll(inFlight);
        })));

        async Task SendAsync(LiveClient client, PageOperation operation, long scheduled, int index) =>
            sent.Add((index, scheduled, await client.ApplyAsync(operation)));

        // Each page's version as stored now, once every client has caught up with it (or a minute has passed).
        async Task<Dictionary<int, int>> CaughtUpAsync()
        {
            var stored = new Dictionary<int, int>();
            foreach (var pageId in pageIds)
            {
                stored[pageId] = (await LoadAsync(factory, pageId)).Version;
            }

            var until = DateTime.UtcNow.AddSeconds(60);
            while (live.Any(c => c.Version < stored[c.PageId]) && DateTime.UtcNow < until)
            {
                await Task.Delay(20);
            }

            return stored;
        }

        var versions = await CaughtUpAsync();

        var workbenchSeconds = clock.Elapsed.TotalSeconds;
        var (workbenchCpuMs, workbenchGcMs) = (workbenchCpu.ElapsedMs(), workbenchCpu.GcPauseMs());
        var accepted = sent.Where(s => s.Outcome.Accepted).ToList();
        var workbenchLatencies = accepted
            .Select(s => arrivals.TryGetValue(LiveClient.Key(PageOf(s.Client), s.Outcome.Version), out var a) && a.Count == listeners[PageOf(s.Client)]
                ? Stopwatch.GetElapsedTime(s.Start, a.Last).TotalMilliseconds
                : double.NaN)
            .ToList();

        // Lost: acknowledged but missing from the log (under its author), or not in every client's final state.
        var logs = new Dictionary<(int Page, int Sequence), string>();
        var servers = new Dictionary<int, PageState>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            foreach (var pageId in pageIds)
            {
                foreach (var row in await db.Operations.Where(o => o.PageId == pageId).Select(o => new { o.Sequence, o.AuthorId }).ToListAsync())
                {
                    logs[(pageId, row.Sequence)] = row.AuthorId;
                }

                servers[pageId] = (await PageStore.LoadAsync(db, pageId))!.Value.State;
            }
        }

        var converged = live.All(c => c.Failure is null && PageStates.AreEquivalent(c.State, servers[c.PageId], includeVersionAndCounters: false) && c.Version == servers[c.PageId].Version);
        var lost = accepted.Select((s, i) => (s, i)).Count(x =>
            !logs.TryGetValue((PageOf(x.s.Client), x.s.Outcome.Version), out var author) || author != userIds[$"live{x.s.Client:D2}"]
            || !converged || double.IsNaN(workbenchLatencies[x.i]));
        var grouping = groups.Snapshot();

        // Where an operation's server time goes: one user, sequential, in-process, broadcasting to the connected clients.
        var profile = await ProfileAsync(factory, pageIds[0], userIds["live00"], 200);
        foreach (var client in live)
        {
            await client.DisposeAsync();
        }

        var unheard = await ProfileAsync(factory, pageIds[0], userIds["live00"], 200);
        var uncached = await ProfileAsync(factory, pageIds[0], userIds["live00"], 200, forget: true);
        profile = profile with { op_ms_no_listeners = unheard.op_ms, op_ms_no_listeners_uncached = uncached.op_ms, cpu_ms_no_listeners = unheard.cpu_ms };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server CPU per operation: {profile.cpu_ms:F2} ms with listeners, {unheard.cpu_ms:F2} ms without"));

        // Echo baselines: the same users, groups and schedule through a hub that only broadcasts. "echo" carries a string
        // the size of an operation, which its clients do not read; "patch echo" carries the entries the app broadcast in
        // this run (one a message, as recorded by the first client), which its clients parse into a JSON tree just as the
        // app's clients parse theirs (LiveClient). In one process on a shared machine the clients' parsing costs the same
        // CPU as the server's work, so only the second isolates what the server adds.
        var echoPerClient = openLoop ? perClient : (accepted.Count / clients) + ((sent.Count - accepted.Count) / clients);
        var payload = PageOperationJson.Serialize(new EditLine(1, new string('字', 30), new string('字', 31)));
        var ec = await EchoAsync("Echo", (connection, arrived) => connection.On<int, string>("Echo", (id, _) => arrived(id)), (connection, group, id) => connection.InvokeAsync<int>("Send", group, id, payload));
        EchoHub.Patches = [.. live[0].Received.Select(entry => JsonSerializer.SerializeToElement(new { pageId = pageIds[0], operations = new[] { entry } }, WireJson.Options))];
        var patchBytes = EchoHub.Patches.Count == 0 ? 0 : EchoHub.Patches.Average(e => e.GetRawText().Length);
        var pe = await EchoAsync("Patch", (connection, arrived) => connection.On<int, JsonElement>("Patch", (id, _) => arrived(id)), (connection, group, id) => connection.InvokeAsync<int>("SendPatch", group, id));

        async Task<Summary> EchoAsync(string name, Action<HubConnection, Action<int>> subscribe, Func<HubConnection, string, int, Task> send)
        {
            var echoArrivals = new ConcurrentDictionary<int, Arrival>();
            var echo = new List<HubConnection>();
            for (var i = 0; i < clients; i++)
            {
                var connection = Connect(Home(i), "/hubs/echo", cookies[i], skip);
                subscribe(connection, id => echoArrivals.AddOrUpdate(id, _ => new Arrival(1, Stopwatch.GetTimestamp()), (_, a) => new Arrival(a.Count + 1, Stopwatch.GetTimestamp())));
                await connection.StartAsync();
                await connection.InvokeAsync("Join", $"bench{PageOf(i)}");
                echo.Add(connection);
            }

            var echoStarts = new ConcurrentDictionary<int, (long Start, int Page)>();
            var nextId = 0;
            var echoCpu = ProcessCpu.Start();
            clock.Restart();
            await Task.WhenAll(echo.Select((connection, index) => Task.Run(async () =>
            {
                var group = $"bench{PageOf(index)}";
                var rng = new Random(4242 + index);
                var origin = Stopwatch.GetTimestamp() + (long)(rng.NextDouble() * interval.TotalSeconds * Stopwatch.Frequency);
                var inFlight = new List<Task>();
                for (var i = 0; i < echoPerClient; i++)
                {
                    var id = Interlocked.Increment(ref nextId);
                    if (openLoop)
                    {
                        var scheduled = origin + (long)(i * interval.TotalSeconds * Stopwatch.Frequency);
                        await DelayUntilAsync(scheduled);
                        echoStarts[id] = (scheduled, PageOf(index));
                        inFlight.Add(send(connection, group, id));
                    }
                    else
                    {
                        echoStarts[id] = (Stopwatch.GetTimestamp(), PageOf(index));
                        await send(connection, group, id);
                    }
                }

                await Task.WhenAll(inFlight);
            })));
            var echoDeadline = DateTime.UtcNow.AddSeconds(30);
            while (echoStarts.Any(kv => !echoArrivals.TryGetValue(kv.Key, out var a) || a.Count < listeners[kv.Value.Page]) && DateTime.UtcNow < echoDeadline)
            {
                await Task.Delay(20);
            }

            var echoSeconds = clock.Elapsed.TotalSeconds;
            var (echoCpuMs, echoGcMs) = (echoCpu.ElapsedMs(), echoCpu.GcPauseMs());
            var echoLatencies = echoStarts.Select(kv => echoArrivals.TryGetValue(kv.Key, out var a) && a.Count == listeners[kv.Value.Page] ? Stopwatch.GetElapsedTime(kv.Value.Start, a.Last).TotalMilliseconds : double.NaN).ToList();
            foreach (var connection in echo)
            {
                await connection.DisposeAsync();
            }

            Console.WriteLine($"{name} baseline done");
            return Summary.Of(echoLatencies, echoLatencies.Count, echoSeconds) with { cpu_ms_per_op = Math.Round(echoCpuMs / echoLatencies.Count, 2), gc_pause_ms = Math.Round(echoGcMs) };
        }

        var wb = Summary.Of(workbenchLatencies, sent.Count, workbenchSeconds) with { cpu_ms_per_op = Math.Round(workbenchCpuMs / sent.Count, 2), gc_pause_ms = Math.Round(workbenchGcMs) };
        foreach (var instance in instances.Skip(1))
        {
            instance.Dispose();
        }

        var result = new
        {
            instances = instanceCount,
            database = database.Name,
            redis = redis is not null,
            mode = openLoop ? "open" : "closed",
            clients,
            warmup,
            pages = pageIds.Count,
            rate = openLoop ? rate : (double?)null,
            ops = sent.Count,
            accepted = accepted.Count,
            workbench = wb,
            echo = ec,
            ratio_p50 = Math.Round(wb.p50_ms / ec.p50_ms, 2),
            ratio_p95 = Math.Round(wb.p95_ms / ec.p95_ms, 2),
            ratio_p99 = Math.Round(wb.p99_ms / ec.p99_ms, 2),
            patch_echo = pe,
            patch_echo_bytes = Math.Round(patchBytes),
            ratio_p50_patch_echo = Math.Round(wb.p50_ms / pe.p50_ms, 2),
            ratio_p99_patch_echo = Math.Round(wb.p99_ms / pe.p99_ms, 2),
            lost,
            rejected = sent.Count - accepted.Count,
            groups = grouping.Groups,
            mean_group = grouping.Groups == 0 ? 0 : Math.Round((double)grouping.Operations / grouping.Groups, 2),
            server_profile = profile,
        };

        Console.WriteLine();
        Console.WriteLine($"{"",-10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"ops/s",8} {"messages",9} {"CPU ms/op",10} {"GC ms",7}");
        Console.WriteLine($"{"workbench",-10} {wb.p50_ms,8:F1} {wb.p95_ms,8:F1} {wb.p99_ms,8:F1} {wb.ops_per_s,8:F0} {wb.measured,9} {wb.cpu_ms_per_op,10:F2} {wb.gc_pause_ms,7:F0}");
        Console.WriteLine($"{"echo",-10} {ec.p50_ms,8:F1} {ec.p95_ms,8:F1} {ec.p99_ms,8:F1} {ec.ops_per_s,8:F0} {ec.measured,9} {ec.cpu_ms_per_op,10:F2} {ec.gc_pause_ms,7:F0}");
        Console.WriteLine($"{"patch echo",-10} {pe.p50_ms,8:F1} {pe.p95_ms,8:F1} {pe.p99_ms,8:F1} {pe.ops_per_s,8:F0} {pe.measured,9} {pe.cpu_ms_per_op,10:F2} {pe.gc_pause_ms,7:F0}  ({patchBytes:F0} bytes a message; ratio p50 {result.ratio_p50_patch_echo}, p99 {result.ratio_p99_patch_echo})");
        Console.WriteLine($"ratio p50 {result.ratio_p50}, p95 {result.ratio_p95}, p99 {result.ratio_p99}; sent {sent.Count}, accepted {accepted.Count}, rejected {result.rejected}, lost {lost}, clients converged: {converged}; {grouping.Groups} groups (mean {result.mean_group} operations)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server per operation (sequential, {profile.operations} ops): {profile.op_ms:F2} ms, of which SQL (statements, begin, commit) {profile.sql_ms:F2} ms in {profile.statements:F1} statements; without anyone to broadcast to {profile.op_ms_no_listeners:F2} ms, and reading the page from SQLite each time (no state cache) {profile.op_ms_no_listeners_uncached:F2} ms; a full page read (what the state cache saves) {profile.page_read_ms:F2} ms"));
        await BenchJson.WriteAsync(jsonOut, "live", result);

        return lost == 0 ? 0 : 1;
    }

    /// <summary>The users (a fifth of them reviewers) and the pages: the 306-line sample page and copies of it.</summary>
    private static async Task<(List<int> PageIds, Dictionary<string, string> UserIds)> PrepareAsync(LiveFactory factory, int clients, int pages)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var projectId = await db.Projects.Where(p => p.Name == DemoSeeder.DemoProjectName).Select(p => p.Id).SingleAsync();
        var sample = await db.Pages.Where(p => p.SourceName.StartsWith("000a_")).SingleAsync();
        for (var i = 0; i < clients; i++)
        {
            var user = await UserService.CreateAsync(users, $"live{i:D2}", LiveFactory.Password);
            db.ProjectMembers.Add(new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = i % 5 == 0 ? ProjectRole.Reviewer : ProjectRole.Annotator });
        }

        await db.SaveChangesAsync();
        var pageIds = new List<int> { sample.Id };
        var seed = Directory.GetFiles(Path.Combine(LiveFactory.RepositoryRoot(), "data", "seeds"), "000a_*.txt").Single();
        var importer = scope.ServiceProvider.GetRequiredService<Workbench.Web.Import.PageImporter>();
        for (var i = 1; i < pages; i++)
        {
            var bytes = await File.ReadAllBytesAsync(seed);
            var outcome = await importer.ImportAsync(projectId, $"000a_copy{i:D2}.txt", [.. bytes, .. System.Text.Encoding.UTF8.GetBytes($"\ncopy {i}")]);
            pageIds.Add(outcome.PageId!.Value);
        }

        var userIds = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);
        return (pageIds, userIds);
    }

    private static async Task DelayUntilAsync(long timestamp)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <param name="forget">Drop the page's cached state before each operation, so it is read from SQLite as before the cache.</param>
    private static async Task<ServerProfile> ProfileAsync(LiveFactory factory, int pageId, string userId, int operations, bool forget = false)
    {
        var rng = new Random(99);
        double total = 0, sql = 0, statements = 0, read = 0, cpu = 0;
        using var self = Process.GetCurrentProcess();
        var done = 0;
        for (var i = 0; i < operations; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>();
            var edits = scope.ServiceProvider.GetRequiredService<PageEditService>();
            var readStart = Stopwatch.GetTimestamp();
            var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
            read += Stopwatch.GetElapsedTime(readStart).TotalMilliseconds;
            var operation = NextOperation(state, rng);
            if (forget)
            {
                scope.ServiceProvider.GetRequiredService<PageStateCache>().Forget(pageId);
            }

            factory.Sql.Take();
            factory.Sql.Recording = true;
            self.Refresh();
            var cpuStart = self.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            var (outcome, _) = await edits.ApplyAsync(pageId, userId, "live00", ProjectRole.Admin, state.Version, operation);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            self.Refresh();
            var cpuMs = (self.TotalProcessorTime - cpuStart).TotalMilliseconds;
            factory.Sql.Recording = false;
            var commands = factory.Sql.Take();
            if (outcome.Accepted)
            {
                done++;
                total += elapsed;
                cpu += cpuMs;
                sql += commands.Sum(c => c.Ms);
                statements += commands.Count;
            }
        }

        return new ServerProfile(done, Math.Round(total / done, 2), Math.Round(sql / done, 2), Math.Round(statements / done, 1), Math.Round(read / operations, 2)) { cpu_ms = Math.Round(cpu / done, 2) };
    }

    private static PageOperation NextOperation(PageState state, Random rng)
    {
        for (var i = 0; ; i++)
        {
            var operation = RandomOperations.Next(state, rng);
            if (Kinds.Contains(operation.GetType()) || i > 100)
            {
                return operation;
            }
        }
    }

    private static async Task<PageState> LoadAsync(LiveFactory factory, int pageId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await PageStore.LoadAsync(scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>(), pageId))!.Value.State;
    }

    internal static async Task<string> LoginAsync(Uri baseAddress, string user)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var html = await http.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(html).Groups[1].Value;
        var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = LiveFactory.Password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login of {user} failed: {response.StatusCode}");
        }

        return cookies.GetCookieHeader(baseAddress);
    }

    private static HubConnection Connect(Uri baseAddress, string path, string cookie, bool skipNegotiation = false) => new HubConnectionBuilder()
        .WithUrl(new Uri(baseAddress, path), HttpTransportType.WebSockets, o =>
        {
            o.Headers["Cookie"] = cookie;
            o.SkipNegotiation = skipNegotiation;
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions = WireJson.Options)
        .Build();

    private static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double DoubleArg(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>Counts the groups the edit path commits (LiveMetrics), to report how many operations went per transaction.</summary>
    private sealed class GroupCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long operations;
        private long groups;

        public GroupCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LiveMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument == LiveMetrics.Groups)
                {
                    Interlocked.Add(ref groups, value);
                }
                else if (instrument == LiveMetrics.Operations)
                {
                    Interlocked.Add(ref operations, value);
                }
            });
            listener.Start();
        }

        public (long Operations, long Groups) Snapshot() => (Interlocked.Read(ref operations), Interlocked.Read(ref groups));

        public void Dispose() => listener.Dispose();
    }
}

public readonly record struct Arrival(int Count, long Last);

/// <summary>The process's CPU time and garbage collection pauses from a start.</summary>
internal readonly record struct ProcessCpu(TimeSpan At, TimeSpan GcAt)
{
    public static ProcessCpu Start() => new(Environment.CpuUsage.TotalTime, GC.GetTotalPauseDuration());

    public double ElapsedMs() => (Environment.CpuUsage.TotalTime - At).TotalMilliseconds;

    public double GcPauseMs() => (GC.GetTotalPauseDuration() - GcAt).TotalMilliseconds;
}

#pragma warning disable CA1707, IDE1006 // JSON names
/// <summary>Mean server time of an accepted operation, its SQL time and statement count, and a full page read.</summary>
public sealed record ServerProfile(int operations, double op_ms, double sql_ms, double statements, double page_read_ms, double? op_ms_no_listeners = null, double? op_ms_no_listeners_uncached = null)
{
    /// <summary>Process CPU time per accepted operation (less sensitive to a shared machine's load than wall time).</summary>
    public double cpu_ms { get; init; }

    /// <summary>The same without listeners.</summary>
    public double? cpu_ms_no_listeners { get; init; }
}
#pragma warning restore CA1707, IDE1006

#pragma warning disable CA1707, IDE1006 // JSON names as asked for
public sealed record Summary(double p50_ms, double p95_ms, double p99_ms, double ops_per_s, int measured)
{
    /// <summary>
    /// The benchmark process's CPU time over the phase (server, clients and driver: they share the process and the cores) per
    /// operation sent; against the baselines' it shows what the app adds, less sensitive to the machine's load than latency.
    /// </summary>
    public double cpu_ms_per_op { get; init; }

    /// <summary>Garbage collection pauses over the phase (the whole process's).</summary>
    public double gc_pause_ms { get; init; }

    public static Summary Of(IReadOnlyList<double> latencies, int operations, double seconds)
    {
        var sorted = latencies.Where(l => !double.IsNaN(l)).Order().ToList();
        double At(double q) => sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 2);
        return new Summary(At(0.50), At(0.95), At(0.99), Math.Round(operations / seconds, 1), sorted.Count);
    }
}
#pragma warning restore CA1707, IDE1006
