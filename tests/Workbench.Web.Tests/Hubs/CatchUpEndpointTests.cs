using System.Net;
using System.Net.Http.Json;
using Workbench.Core.Editing;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Hubs;

public sealed class CatchUpEndpointTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Operations_AfterN_ReturnsTheRestInOrderWithDescriptions()
    {
        var pageId = await factory.PageIdAsync("000a_");
        var imported = PageClient.ImportedState("000a_");
        await using var client = await PageClient.ConnectAsync(factory, "annotator", pageId, imported);
        Assert.True((await client.JoinAsync()).Joined);
        var start = client.Version;
        var lines = client.State.Lines.Values.Where(l => l.Text.Length > 0 && client.State.ArticleOfLine(l.Number) is not { Status: ArticleStatus.Approved }).Take(3).ToList();
        var sent = new List<PageOperation>();
        foreach (var line in lines)
        {
            PageOperation edit = new EditLine(line.Number, line.Text, line.Text + "乌兰");
            var outcome = await client.ApplyAsync(edit);
            Assert.True(outcome.Accepted, outcome.Reason);
            sent.Add(edit);
        }

        var http = client.Http;
        var after = (await http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={start + 1}", EditorState.Json))!;

        Assert.Equal([start + 2, start + 3], after!.Select(o => o.Sequence));
        Assert.All(after, o => Assert.Equal("annotator", o.AuthorName));
        Assert.All(after, o => Assert.Equal("editLine", o.Kind));
        Assert.Equal(sent.Skip(1).Select(OperationDescriptions.Describe), after.Select(o => o.Description));
        Assert.Equal(sent.Skip(1).Select(PageOperationJson.Serialize), after.Select(o => PageOperationJson.Serialize(o.Operation!)));

        var limited = await http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={start}&limit=1", EditorState.Json);
        Assert.Equal([start + 1], limited!.Select(o => o.Sequence));

        var none = await http.GetFromJsonAsync<List<LoggedOperation>>($"/api/pages/{pageId}/operations?after={start + 3}", EditorState.Json);
        Assert.Empty(none!);
    }

    [Fact]
    public async Task Operations_RefusesNonMembersAndAnonymous()
    {
        var pageId = await factory.PageIdAsync("000a_");
        await factory.CreateOutsiderAsync("log-outsider");
        var outsider = await factory.LoginAsync("log-outsider");

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/pages/{pageId}/operations?after=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/api/pages/999999/operations?after=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.AnonymousClient().GetAsync($"/api/pages/{pageId}/operations?after=0")).StatusCode);
    }
}
