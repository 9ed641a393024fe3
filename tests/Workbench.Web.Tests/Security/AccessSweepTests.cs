using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Tests.Support;
using Xunit.Abstractions;

namespace Workbench.Web.Tests.Security;

/// <summary>
/// The endpoint × identity sweep (issue 17): every minimal API endpoint, every Razor page handler (and each page's verbs
/// without a handler) and every hub method, enumerated from the app's own metadata, is called as anonymous, a signed-in
/// non-member of the demo project, annotator, reviewer and admin, and each answer is checked against an explicit table.
/// An endpoint, handler or hub method the table does not name fails the sweep, so a new one cannot arrive without a rule.
/// </summary>
public sealed class AccessSweepTests(WorkbenchFactory factory, ITestOutputHelper output) : IClassFixture<WorkbenchFactory>
{
    /// <summary>What an identity must get. Login: 302 to the log-in page (pages) or 401 (/api, hub). Denied: 403.
    /// NoHandler: 405 (the page has no handler for the verb, so it must not render without its checks).
    /// Served: past authorization: any answer below 500 except 401, 403, 404, 405 and a redirect to the log-in page.</summary>
    public enum Expect
    {
        Login,
        Denied,
        NoHandler,
        Served,
    }

    private const Expect L = Expect.Login;
    private const Expect D = Expect.Denied;
    private const Expect S = Expect.Served;
    private const Expect M = Expect.NoHandler;

    private static readonly string[] Identities = ["anonymous", "outsider", "annotator", "reviewer", "admin"];

    /// <summary>
    /// Razor pages: "VERB /ViewEnginePath?handler=Name" ("(none)": the verb has no handler, so the page would render without
    /// its checks). Query: extra parameters ({page}, {key}, {label}, {victim} filled in). Order = the order requests are made.
    /// </summary>
    private static readonly (string Key, string Query, Expect[] Expected)[] PageRules =
    [
        // Open to anyone (the log-in page, language choice, error and status pages).
        ("GET /Account/Login", "", [S, S, S, S, S]),
        ("POST /Account/Login", "", [S, S, S, S, S]),
        ("GET /Language", "", [S, S, S, S, S]),
        ("POST /Language", "culture=en", [S, S, S, S, S]),
        ("GET /Error", "", [S, S, S, S, S]),
        ("POST /Error", "", [S, S, S, S, S]),
        ("GET /Status", "", [S, S, S, S, S]),
        ("POST /Status", "", [S, S, S, S, S]),

        // Any signed-in user (their own account, their own project list).
        ("GET /Index", "", [L, S, S, S, S]),
        ("POST /Index?handler=(none)", "", [L, M, M, M, M]),
        ("GET /Account/ChangePassword", "", [L, S, S, S, S]),
        ("POST /Account/ChangePassword", "", [L, S, S, S, S]),
        ("GET /Account/Logout", "", [L, S, S, S, S]),

        // Any member.
        ("GET /Projects/Details", "", [L, D, S, S, S]),
        ("GET /Projects/Export", "", [L, D, S, S, S]),
        ("POST /Projects/Export?handler=Download", "", [L, D, S, S, S]),
        ("GET /Projects/Labels", "", [L, D, S, S, S]),
        ("GET /Review/MyWork", "", [L, D, S, S, S]),
        ("POST /Review/MyWork?handler=(none)", "", [L, M, M, M, M]),
        ("GET /Review/Dashboard", "", [L, D, S, S, S]),
        ("POST /Review/Dashboard?handler=(none)", "", [L, M, M, M, M]),
        ("GET /Editor/Index", "", [L, D, S, S, S]),
        ("POST /Editor/Index?handler=(none)", "", [L, M, M, M, M]),
        ("GET /Editor/History", "", [L, D, S, S, S]),
        ("POST /Editor/History?handler=(none)", "", [L, M, M, M, M]),

        // Reviewers and admins.
        ("GET /Review/Queue", "", [L, D, D, S, S]),
        ("POST /Review/Queue?handler=(none)", "", [L, M, M, M, M]),
        ("GET /Review/Audit", "", [L, D, D, S, S]),
        ("GET /Review/Audit?handler=Csv", "", [L, D, D, S, S]),
        ("POST /Review/Audit?handler=(none)", "", [L, M, M, M, M]),
        ("GET /Review/Agreement", "", [L, D, D, S, S]),
        ("GET /Review/Agreement?handler=Csv", "", [L, D, D, S, S]),
        ("POST /Review/Agreement?handler=(none)", "", [L, M, M, M, M]),
        ("GET /Review/Assign", "", [L, D, D, S, S]),
        ("POST /Review/Assign?handler=Page", "pageId={page}&assigneeId=", [L, D, D, S, S]),
        ("POST /Review/Assign?handler=Article", "pageId={page}&articleKey={key}&assigneeId=", [L, D, D, S, S]),

        // Admins only.
        ("POST /Projects/Details?handler=Upload", "", [L, D, D, D, S]),
        ("POST /Projects/Export?handler=Upload", "", [L, D, D, D, S]),
        ("POST /Projects/Labels?handler=Add", "name=&displayName=&color=", [L, D, D, D, S]),
        ("POST /Projects/Labels?handler=Update", "labelId={label}&displayName=&color=", [L, D, D, D, S]),
        ("POST /Projects/Labels?handler=Retire", "labelId={label}&retired=false", [L, D, D, D, S]),
        ("POST /Projects/Labels?handler=AddPattern", "label=&pattern=", [L, D, D, D, S]),
        ("POST /Projects/Labels?handler=RemovePattern", "patternId=0", [L, D, D, D, S]),
        ("GET /Projects/Members", "", [L, D, D, D, S]),
        ("POST /Projects/Members?handler=Add", "userName=&role=Annotator", [L, D, D, D, S]),
        ("POST /Projects/Members?handler=Create", "userName=&role=Annotator", [L, D, D, D, S]),
        ("POST /Projects/Members?handler=Role", "userId={victim}&role=Reviewer", [L, D, D, D, S]),
        ("POST /Projects/Members?handler=Remove", "userId={victim}", [L, D, D, D, S]),
        ("POST /Projects/Members?handler=Settings", "allowSelfReview=false", [L, D, D, D, S]),
        ("GET /Projects/Segmenter", "", [L, D, D, D, S]),
        ("POST /Projects/Segmenter?handler=Train", "", [L, D, D, D, S]),
        ("GET /Editor/Resegment", "", [L, D, D, D, S]),
        ("POST /Editor/Resegment", "", [L, D, D, D, S]),

        // Last: it ends the session.
        ("POST /Account/Logout", "", [L, S, S, S, S]),
    ];

    /// <summary>Minimal API endpoints: "VERB route pattern". Every one is behind the membership filter.</summary>
    private static readonly (string Key, Expect[] Expected)[] ApiRules =
    [
        ("GET /api/pages/{pageId:int}/state", [L, D, S, S, S]),
        ("GET /api/pages/{pageId:int}/link-targets", [L, D, S, S, S]),
        ("GET /api/pages/{pageId:int}/image", [L, D, S, S, S]),
        ("GET /api/pages/{pageId:int}/operations", [L, D, S, S, S]),
        ("POST /api/pages/{pageId:int}/operations", [L, D, S, S, S]),
        ("POST /api/pages/{pageId:int}/tag-all", [L, D, S, S, S]),
        ("GET /api/pages/{pageId:int}/suggestions", [L, D, S, S, S]),
        ("POST /api/pages/{pageId:int}/suggestions/reject", [L, D, S, S, S]),
        ("GET /api/pages/{pageId:int}/comments", [L, D, S, S, S]),
        ("GET /api/pages/{pageId:int}/articles/{key:int}/comments/", [L, D, S, S, S]),
        ("POST /api/pages/{pageId:int}/articles/{key:int}/comments/", [L, D, S, S, S]),
        ("GET /api/pages/{pageId:int}/articles/{key:int}/curation", [L, D, D, S, S]),
    ];

    /// <summary>Hub methods: anonymous cannot connect (401); a non-member is refused by name and changes nothing; members are served.</summary>
    private static readonly (string Method, Expect[] Expected)[] HubRules =
    [
        (nameof(PageHub.Join), [L, D, S, S, S]),
        (nameof(PageHub.Apply), [L, D, S, S, S]),
        (nameof(PageHub.ApplyWithComment), [L, D, S, S, S]),
        (nameof(PageHub.ApplyReplay), [L, D, S, S, S]),
        (nameof(PageHub.WatchQueue), [L, D, D, S, S]),
        (nameof(PageHub.Focus), [L, D, S, S, S]),
    ];

    [Fact]
    public async Task Sweep_EveryEndpointHandlerAndHubMethod_AnswersEachIdentityAsItsRuleSays()
    {
        await factory.CreateOutsiderAsync("sweep-outsider");
        await PageClient.CreateMembersAsync(factory, ["sweep-victim", "sweep-watcher"], ProjectRole.Annotator);
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        var hubPageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[0];
        var apiPageId = await factory.PageIdAsync("示例晨报"); // the demo page with an image, for /image
        var apiKey = (await factory.ArticleKeysAsync(apiPageId))[0];
        var labelId = await factory.WithDbAsync(db => db.Labels.Where(l => l.ProjectId == projectId).Select(l => l.Id).FirstAsync());
        var victim = await factory.UserIdAsync("sweep-victim");
        string Fill(string text) => text.Replace("{page}", Str(pageId), StringComparison.Ordinal).Replace("{key}", Str(key), StringComparison.Ordinal)
            .Replace("{label}", Str(labelId), StringComparison.Ordinal).Replace("{victim}", victim, StringComparison.Ordinal);

        var pages = await PageEndpointsAsync();
        var apis = ApiMembershipTests.ApiEndpoints(factory.Services).Select(a => ($"{a.Method} /{a.Endpoint.RoutePattern.RawText!.TrimStart('/')}", a.Endpoint.RoutePattern.RawText!)).ToList();
        var hubMethods = typeof(PageHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name != nameof(PageHub.OnDisconnectedAsync) && m.Name != nameof(PageHub.OnConnectedAsync)).Select(m => m.Name).Distinct().ToList();

        // Nothing without a rule, and no rule for something that no longer exists.
        var problems = new List<string>();
        problems.AddRange(pages.Keys.Except(PageRules.Select(r => r.Key)).Select(k => $"page handler without a rule: {k}"));
        problems.AddRange(PageRules.Select(r => r.Key).Except(pages.Keys).Select(k => $"rule for a page handler that does not exist: {k}"));
        problems.AddRange(apis.Select(a => a.Item1).Except(ApiRules.Select(r => r.Key)).Select(k => $"API endpoint without a rule: {k}"));
        problems.AddRange(ApiRules.Select(r => r.Key).Except(apis.Select(a => a.Item1)).Select(k => $"rule for an API endpoint that does not exist: {k}"));
        problems.AddRange(hubMethods.Except(HubRules.Select(r => r.Method)).Select(k => $"hub method without a rule: {k}"));
        problems.AddRange(HubRules.Select(r => r.Method).Except(hubMethods).Select(k => $"rule for a hub method that does not exist: {k}"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var checks = 0;
        var lines = new List<string>();
        for (var who = 0; who < Identities.Length; who++)
        {
            var identity = Identities[who];
            var client = who == 0 ? factory.AnonymousClient() : await factory.LoginAsync(identity == "outsider" ? "sweep-outsider" : identity);
            foreach (var (ruleKey, pattern) in apis)
            {
                var expected = ApiRules.Single(r => r.Key == ruleKey).Expected[who];
                var verb = ruleKey.Split(' ')[0];
                using var request = new HttpRequestMessage(new HttpMethod(verb), Route(pattern, projectId, apiPageId, apiKey));
                if (verb != "GET")
                {
                    request.Content = new StringContent("""{"text":"sweep","keys":["k"],"articleKey":1,"label":"PER","seenVersion":0,"operation":{"kind":"editLine","line":1,"expectedText":"","newText":"x"}}""", Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                lines.Add($"{identity,-9} {ruleKey,-48} {(int)response.StatusCode}");
                Check(problems, identity, ruleKey, expected, response, api: true);
                checks++;
            }

            foreach (var (ruleKey, query, expected) in PageRules)
            {
                var (route, verb, handler) = pages[ruleKey];
                var url = Route(route, projectId, pageId, key);
                var parameters = new List<string>();
                if (handler is not null and not "(none)")
                {
                    parameters.Add("handler=" + handler);
                }

                if (query.Length > 0)
                {
                    parameters.Add(Fill(query));
                }

                url += parameters.Count > 0 ? "?" + string.Join("&", parameters) : "";
                using var request = new HttpRequestMessage(new HttpMethod(verb), url);
                if (verb == "POST")
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await HttpExtensions.AntiforgeryTokenAsync(client, "/Account/Login") });
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var response = await client.SendAsync(request);
                lines.Add($"{identity,-9} {ruleKey,-48} {(int)response.StatusCode} {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,6:F0} ms {response.Headers.Location}");
                Check(problems, identity, ruleKey, expected[who], response, api: false);
                checks++;
            }
        }

        output.WriteLine(string.Join("\n", lines));
        var hubChecks = await SweepHubAsync(hubPageId, problems, lines);
        output.WriteLine(string.Join("\n", lines.Skip(checks)));
        output.WriteLine($"Sweep: {pages.Count} page handlers + {apis.Count} API endpoints = {pages.Count + apis.Count} endpoints × {Identities.Length} identities = {checks} HTTP checks; "
            + $"{hubMethods.Count} hub methods × {Identities.Length} identities = {hubChecks} hub checks.");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal((pages.Count + apis.Count) * Identities.Length, checks);
    }

    /// <summary>Each hub method as each identity, over a real SignalR connection.</summary>
    private async Task<int> SweepHubAsync(int pageId, List<string> problems, List<string> lines)
    {
        var checks = 0;

        // Anonymous: the connection itself is refused (401), so no method can be called.
        await using (var anonymous = PageClient.BuildConnection(factory, cookie: null))
        {
            var error = await Record.ExceptionAsync(() => anonymous.StartAsync());
            var refused = error is not null && error.Message.Contains("401", StringComparison.Ordinal);
            foreach (var (method, expected) in HubRules)
            {
                lines.Add($"anonymous hub {method}: {(refused ? "401 on connect" : "connected")}");
                Note(problems, refused == (expected[0] == L), $"hub {method} as anonymous: expected {expected[0]}, got {(refused ? "401" : "a connection")}");
                checks++;
            }
        }

        // A member stays joined throughout, to see whether the others' calls reach the page's group.
        var (_, watcherCookie) = await PageClient.LoginAsync(factory, "sweep-watcher");
        await using var watcher = PageClient.BuildConnection(factory, watcherCookie);
        var heard = new List<string>();
        watcher.On<AppliedOperations>(nameof(IPageClient.OperationsApplied), a => { lock (heard) { heard.Add("operations"); } });
        watcher.On<int, IReadOnlyList<PresenceEntry>, long>(nameof(IPageClient.PresenceChanged), (_, present, _) => { lock (heard) { heard.Add("presence:" + string.Join(",", present.Select(p => p.UserName))); } });
        await watcher.StartAsync();
        Assert.True((await watcher.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, -1)).Joined);

        for (var who = 1; who < Identities.Length; who++)
        {
            var identity = Identities[who];
            var userName = identity == "outsider" ? "sweep-outsider" : identity;
            if (identity == "outsider")
            {
                await factory.CreateOutsiderAsync(userName);
            }

            var (_, cookie) = await PageClient.LoginAsync(factory, userName);
            await using var connection = PageClient.BuildConnection(factory, cookie);
            await connection.StartAsync();
            var operationsBefore = await factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId));
            lock (heard)
            {
                heard.Clear();
            }

            foreach (var (method, expected) in HubRules)
            {
                var want = expected[who];
                var served = method switch
                {
                    nameof(PageHub.Join) => await JoinAsync(connection, pageId),
                    nameof(PageHub.Apply) => await ApplyAsync(connection, pageId, comment: null),
                    nameof(PageHub.ApplyWithComment) => await ApplyAsync(connection, pageId, comment: "sweep"),
                    nameof(PageHub.ApplyReplay) => await ApplyAsync(connection, pageId, comment: null, replay: OperationReplay.Undo),
                    nameof(PageHub.Focus) => await FocusAsync(connection, pageId, userName, heard),
                    nameof(PageHub.WatchQueue) => await connection.InvokeAsync<bool>(nameof(PageHub.WatchQueue), await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == pageId).Select(p => p.ProjectId).SingleAsync())),
                    _ => throw new InvalidOperationException($"No call for hub method {method}"),
                };
                lines.Add($"{identity,-9} hub {method}: {(served ? "served" : "refused")}");
                Note(problems, served == (want == S), $"hub {method} as {identity}: expected {want}, got {(served ? "served" : "refused")}");
                checks++;
            }

            var operationsAfter = await factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId));
            if (IsOutsider(who))
            {
                Note(problems, operationsAfter == operationsBefore, $"hub as {identity}: {operationsAfter - operationsBefore} operations stored");
                await Task.Delay(200);
                lock (heard)
                {
                    Note(problems, heard.Count == 0, $"hub as {identity}: the page's members heard {string.Join("; ", heard)}");
                }
            }
        }

        return checks;

        static bool IsOutsider(int who) => Identities[who] == "outsider";
    }

    private static async Task<bool> JoinAsync(HubConnection connection, int pageId)
    {
        var result = await connection.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, -1);
        return result.Joined;
    }

    private async Task<bool> ApplyAsync(HubConnection connection, int pageId, string? comment, OperationReplay? replay = null)
    {
        var (version, line) = await factory.WithDbAsync(async db =>
        {
            var state = (await PageStore.LoadAsync(db, pageId))!.Value.State;
            return (state.Version, state.Lines.Values.First(l => l.Text.Length > 2));
        });
        var operation = new EditLine(line.Number, line.Text, line.Text + "·");
        var outcome = replay is { } mode
            ? await connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.ApplyReplay), pageId, version, (PageOperation)operation, mode)
            : comment is null
            ? await connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.Apply), pageId, version, (PageOperation)operation)
            : await connection.InvokeAsync<ApplyOutcome>(nameof(PageHub.ApplyWithComment), pageId, version, (PageOperation)operation, comment);
        return outcome.Accepted;
    }

    /// <summary>Focus answers nothing; it is served when the page's other members hear this user's presence.</summary>
    private static async Task<bool> FocusAsync(HubConnection connection, int pageId, string userName, List<string> heard)
    {
        lock (heard)
        {
            heard.Clear();
        }

        await connection.InvokeAsync(nameof(PageHub.Focus), pageId, (int?)1);
        var until = DateTime.UtcNow.AddSeconds(2);
        while (DateTime.UtcNow < until)
        {
            lock (heard)
            {
                if (heard.Any(h => h.StartsWith("presence:", StringComparison.Ordinal) && h.Contains(userName, StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Every Razor page handler (and every verb a page has no handler for), keyed as the table keys them.</summary>
    private async Task<Dictionary<string, (string Route, string Verb, string? Handler)>> PageEndpointsAsync()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var result = new Dictionary<string, (string, string, string?)>();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(e => e.Page is not null)
            .GroupBy(e => e.Page!.ViewEnginePath)
            .Select(g => g.OrderBy(e => e.Endpoint.RoutePattern.RawText!.Length).First());
        foreach (var (endpoint, page) in endpoints)
        {
            var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page!, endpoint.Metadata);
            var route = endpoint.RoutePattern.RawText!;
            foreach (var handler in compiled.HandlerMethods)
            {
                var verb = handler.HttpMethod.ToUpperInvariant();
                result[$"{verb} {page!.ViewEnginePath}" + (handler.Name is null ? "" : $"?handler={handler.Name}")] = (route, verb, handler.Name);
            }

            foreach (var verb in new[] { "GET", "POST" }.Where(v => !compiled.HandlerMethods.Any(h => h.HttpMethod.Equals(v, StringComparison.OrdinalIgnoreCase))))
            {
                result[$"{verb} {page!.ViewEnginePath}?handler=(none)"] = (route, verb, "(none)");
            }
        }

        return result;
    }

    private static void Check(List<string> problems, string identity, string key, Expect expected, HttpResponseMessage response, bool api)
    {
        var status = (int)response.StatusCode;
        var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Account/Login?ReturnUrl=", StringComparison.OrdinalIgnoreCase) == true;
        var ok = expected switch
        {
            Expect.Login => api ? status == 401 : toLogin,
            Expect.Denied => status == 403,
            Expect.NoHandler => status == 405,
            _ => status < 500 && status is not (401 or 403 or 404 or 405) && !toLogin,
        };
        Note(problems, ok, $"{key} as {identity}: expected {expected}, got {status} {response.Headers.Location}");
    }

    private static void Note(List<string> problems, bool ok, string problem)
    {
        if (!ok)
        {
            problems.Add(problem);
        }
    }

    /// <summary>A route pattern with its parameters filled in (the status page gets 404).</summary>
    private static string Route(string pattern, int projectId, int pageId, int key) => "/" + System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value switch
    {
        "projectId" => Str(projectId),
        "pageId" => Str(pageId),
        "key" => Str(key),
        "code" => "404",
        var name => throw new InvalidOperationException($"No test value for route parameter {name} in {pattern}"),
    }).TrimStart('/');

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
