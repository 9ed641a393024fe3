using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Hubs;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Security;

/// <summary>
/// Who may hold a live connection: only the app's own pages may open one (H2), and a user whose access is taken away
/// (removed, new role, logged out, new password) loses their open connections and their old cookies at once (H3).
/// </summary>
public sealed class LiveAccessTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const string Foreign = "http://localhost:5999";

    [Fact]
    public async Task Negotiate_FromAForeignOrigin_IsRefused_FromTheAppsOwnOrigin_Served()
    {
        var (http, _) = await PageClient.LoginAsync(factory, "annotator");

        var foreign = await NegotiateAsync(http, Foreign);
        var sibling = await NegotiateAsync(http, "http://evil.localhost");
        var own = await NegotiateAsync(http, "http://localhost");
        var none = await NegotiateAsync(http, null);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains(Foreign, await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, sibling.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
    }

    [Fact]
    public async Task WebSocket_FromAForeignOrigin_IsRefused()
    {
        var (_, cookie) = await PageClient.LoginAsync(factory, "annotator");
        var pageId = await factory.PageIdAsync("001_");

        await using var foreign = Connect(cookie, Foreign);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync());
        Assert.Contains("403", error.Message, StringComparison.Ordinal);

        await using var own = Connect(cookie, "http://localhost");
        await own.StartAsync();
        var joined = await own.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, -1);
        Assert.True(joined.Joined, joined.Reason);
    }

    [Fact]
    public async Task JsonPost_FromAForeignOrigin_IsRefused()
    {
        var annotator = await factory.LoginAsync("annotator");
        var pageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/pages/{pageId}/articles/{key}/comments") { Content = JsonContent.Create(new { text = "from elsewhere" }) };
        request.Headers.Add("Origin", Foreign);

        var response = await annotator.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.Comments.Count(c => c.PageId == pageId))));
    }

    [Fact]
    public async Task RemovedMember_OpenConnection_ReceivesNothingAfterRemoval_AndIsClosed()
    {
        await PageClient.CreateMembersAsync(factory, ["h3-removed"], ProjectRole.Annotator);
        var (admin, projectId, url) = await AdminAsync();
        var pageId = await factory.FreshPageAsync();
        var imported = await ImportedStateAsync(pageId);
        await using var removed = await PageClient.ConnectAsync(factory, "h3-removed", pageId, imported);
        await using var editor = await PageClient.ConnectAsync(factory, "annotator", pageId, imported);
        Assert.True((await removed.JoinAsync()).Joined);
        Assert.True((await editor.JoinAsync()).Joined);
        var comments = new List<CommentView>();
        removed.Connection.On<CommentView>(nameof(IPageClient.CommentAdded), c => { lock (comments) { comments.Add(c); } });
        var revoked = new TaskCompletionSource<string>();
        removed.Connection.On<string>(ConnectionRevocation.RevokedMethod, reason => revoked.TrySetResult(reason));

        // Before the removal the member hears every change (so the test can see a leak).
        var line = editor.State.Lines.Values.First(l => l.Text.Length > 2);
        var first = await editor.ApplyAsync(new EditLine(line.Number, line.Text, line.Text + "一"));
        Assert.True(first.Accepted, first.Reason);
        await Eventually.HoldsAsync(() => removed.Received.Any(r => r.Sequence == first.Version), "the member hears the first edit");

        var response = await admin.PostFormAsync(url + $"?handler=Remove&userId={await factory.UserIdAsync("h3-removed")}", [], url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var receivedBefore = removed.Received.Count;

        var second = await editor.ApplyAsync(new EditLine(line.Number, line.Text + "一", line.Text + "二"));
        Assert.True(second.Accepted, second.Reason);
        var key = editor.State.ArticleOfLine(line.Number)!.Key;
        Assert.Equal(HttpStatusCode.Created, (await editor.Http.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text = "secret" })).StatusCode);
        var third = await editor.ApplyAsync(new EditLine(line.Number, line.Text + "二", line.Text + "三"));
        Assert.True(third.Accepted, third.Reason);
        await editor.WaitForVersionAsync(third.Version, TimeSpan.FromSeconds(10));
        await Task.Delay(300);

        Assert.Equal(receivedBefore, removed.Received.Count);
        Assert.DoesNotContain(removed.Received, r => r.Sequence >= second.Version);
        lock (comments)
        {
            Assert.Empty(comments);
        }

        await Eventually.HoldsAsync(() => removed.Connection.State == HubConnectionState.Disconnected, "the removed member's connection is closed");
        Assert.Equal(projectId, await factory.DemoProjectIdAsync());
    }

    [Fact]
    public async Task ReviewQueue_WatchedByReviewersOnly_HearsSubmissions_AndARemovedReviewerHearsNothingMore()
    {
        await PageClient.CreateMembersAsync(factory, ["q-reviewer"], ProjectRole.Reviewer);
        var (admin, projectId, url) = await AdminAsync();
        var pageId = await factory.FreshPageAsync();
        await using var editor = await PageClient.ConnectAsync(factory, "annotator", pageId, await ImportedStateAsync(pageId));
        Assert.True((await editor.JoinAsync()).Joined);

        // The queue's rule is the queue page's: an annotator may not watch it.
        Assert.False(await editor.Connection.InvokeAsync<bool>(nameof(PageHub.WatchQueue), projectId));

        var (_, cookie) = await PageClient.LoginAsync(factory, "q-reviewer");
        await using var queue = PageClient.BuildConnection(factory, cookie);
        var heard = new List<QueueChange>();
        queue.On<QueueChange>(nameof(IPageClient.QueueChanged), c => { lock (heard) { heard.Add(c); } });
        var revoked = new TaskCompletionSource<string>();
        queue.On<string>(ConnectionRevocation.RevokedMethod, reason => revoked.TrySetResult(reason));
        await queue.StartAsync();
        Assert.True(await queue.InvokeAsync<bool>(nameof(PageHub.WatchQueue), projectId));

        // A line edit in a draft is no queue news; a submission is.
        var drafts = editor.State.Articles.Where(a => a.Status == ArticleStatus.Draft).ToList();
        var line = editor.State.Lines.Values.First(l => l.Text.Length > 2);
        var edit = await editor.ApplyAsync(new EditLine(line.Number, line.Text, line.Text + "一"));
        Assert.True(edit.Accepted, edit.Reason);
        var submit = await editor.ApplyAsync(new SetStatus(drafts[0].Key, ArticleStatus.Draft, ArticleStatus.Submitted));
        Assert.True(submit.Accepted, submit.Reason);
        await Eventually.HoldsAsync(() => { lock (heard) { return heard.Count > 0; } }, "the reviewer's queue hears the submission");
        lock (heard)
        {
            var change = Assert.Single(heard);
            Assert.Equal((projectId, pageId), (change.ProjectId, change.PageId));
            Assert.Equal([drafts[0].Key], change.ArticleKeys);
        }

        // Removed: the connection leaves the queue's group and is closed; the next submission reaches nobody there.
        var response = await admin.PostFormAsync(url + $"?handler=Remove&userId={await factory.UserIdAsync("q-reviewer")}", [], url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await revoked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await editor.WaitForVersionAsync(submit.Version, TimeSpan.FromSeconds(10));
        var second = await editor.ApplyAsync(new SetStatus(drafts[1].Key, ArticleStatus.Draft, ArticleStatus.Submitted));
        Assert.True(second.Accepted, second.Reason);
        await Task.Delay(300);
        lock (heard)
        {
            Assert.Single(heard);
        }

        await Eventually.HoldsAsync(() => queue.State == HubConnectionState.Disconnected, "the removed reviewer's connection is closed");
    }

    [Fact]
    public async Task RoleChange_ClosesTheConnection_AndARejoinCarriesTheNewRole()
    {
        await PageClient.CreateMembersAsync(factory, ["h3-promoted"], ProjectRole.Annotator);
        var (admin, _, url) = await AdminAsync();
        var pageId = await factory.FreshPageAsync();
        await using var client = await PageClient.ConnectAsync(factory, "h3-promoted", pageId, await ImportedStateAsync(pageId));
        Assert.Equal("annotator", (await client.JoinAsync(fromLog: true)).State!.Role);

        var response = await admin.PostFormAsync(url + $"?handler=Role&userId={await factory.UserIdAsync("h3-promoted")}", new() { ["role"] = "Reviewer" }, url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await Eventually.HoldsAsync(() => client.Connection.State == HubConnectionState.Disconnected, "the connection is closed");
        await client.StartAsync();
        Assert.Equal("reviewer", (await client.JoinAsync(fromLog: true)).State!.Role);
    }

    [Fact]
    public async Task Logout_TheOldCookieStopsWorking_AndTheLiveConnectionCloses()
    {
        await PageClient.CreateMembersAsync(factory, ["h3-leaver"], ProjectRole.Annotator);
        var pageId = await factory.FreshPageAsync();
        var (http, cookie) = await PageClient.LoginAsync(factory, "h3-leaver");
        await using var live = Connect(cookie, null);
        await live.StartAsync();
        Assert.True((await live.InvokeAsync<JoinResult>(nameof(PageHub.Join), pageId, -1)).Joined);
        var copy = WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync($"/api/pages/{pageId}/state")).StatusCode);

        var logout = await http.PostFormAsync("/Account/Logout", [], "/");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync($"/api/pages/{pageId}/state")).StatusCode);
        await Eventually.HoldsAsync(() => live.State == HubConnectionState.Disconnected, "the live connection is closed");
        await using var again = Connect(cookie, null);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_EndsTheOtherSessions_AndKeepsThisOne()
    {
        await PageClient.CreateMembersAsync(factory, ["h3-changer"], ProjectRole.Annotator);
        var pageId = await factory.FreshPageAsync();
        var (here, _) = await PageClient.LoginAsync(factory, "h3-changer");
        var (_, otherCookie) = await PageClient.LoginAsync(factory, "h3-changer");
        var other = WithCookie(otherCookie);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/pages/{pageId}/state")).StatusCode);

        var changed = await here.PostFormAsync("/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = WorkbenchFactory.Password, ["Input.NewPassword"] = "Another-pass-456!", ["Input.ConfirmPassword"] = "Another-pass-456!",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync($"/api/pages/{pageId}/state")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync($"/api/pages/{pageId}/state")).StatusCode);
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = factory.AnonymousClient();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private async Task<(HttpClient Admin, int ProjectId, string Url)> AdminAsync()
    {
        var projectId = await factory.DemoProjectIdAsync();
        return (await factory.LoginAsync("admin"), projectId, $"/Projects/{projectId}/Members");
    }

    private Task<PageState> ImportedStateAsync(int pageId) =>
        factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);

    private static async Task<HttpResponseMessage> NegotiateAsync(HttpClient http, string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/page/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    /// <summary>A hub connection straight over WebSockets (no negotiate), as a browser page at <paramref name="origin"/> would open it.</summary>
    private HubConnection Connect(string cookie, string? origin)
    {
        var server = factory.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/page"), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var ws = server.CreateWebSocketClient();
                    ws.ConfigureRequest = request =>
                    {
                        request.Headers.Cookie = cookie;
                        if (origin is not null)
                        {
                            request.Headers.Origin = origin;
                        }
                    };
                    return await ws.ConnectAsync(context.Uri, cancellationToken);
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)))
            .Build();
    }
}
