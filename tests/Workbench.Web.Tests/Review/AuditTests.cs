using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed class AuditTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const string Request = "第三行, \"署名\" 属于下一篇";

    [Fact]
    public async Task Audit_FiltersTheLog_AndShowsComments()
    {
        var (projectId, pageId, key) = await ReviewedPageAsync();
        var reviewer = await factory.LoginAsync("reviewer");
        var url = $"/Projects/{projectId}/Audit?pageId={pageId}";

        var html = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(url));
        Assert.Equal(3, Count(html, "<tr class=\"kind-"));
        Assert.Contains("Changed the status of article", html, StringComparison.Ordinal);
        Assert.Contains("属于下一篇", html, StringComparison.Ordinal);
        Assert.Contains("attached-comment", html, StringComparison.Ordinal);

        Assert.Equal(1, Count(await reviewer.GetHtmlAsync(url + "&kind=comment"), "<tr class=\"kind-"));
        Assert.Equal(2, Count(await reviewer.GetHtmlAsync(url + "&kind=setStatus"), "<tr class=\"kind-"));
        var reviewerId = await factory.UserIdAsync("reviewer");
        Assert.Equal(1, Count(await reviewer.GetHtmlAsync(url + $"&member={reviewerId}"), "<tr class=\"kind-"));
        Assert.Equal(3, Count(await reviewer.GetHtmlAsync(url + $"&article={key}"), "<tr class=\"kind-"));
        Assert.Equal(0, Count(await reviewer.GetHtmlAsync(url + $"&article={key + 1000}"), "<tr class=\"kind-"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Equal(3, Count(await reviewer.GetHtmlAsync(url + $"&from={today}&to={today}"), "<tr class=\"kind-"));
        Assert.Equal(0, Count(await reviewer.GetHtmlAsync(url + "&to=2000-01-01"), "<tr class=\"kind-"));
    }

    [Fact]
    public async Task Csv_HasABom_AHeader_AndQuotedCjkRows()
    {
        var (projectId, pageId, _) = await ReviewedPageAsync();
        var admin = await factory.LoginAsync("admin");

        var response = await admin.GetAsync($"/Projects/{projectId}/Audit?handler=Csv&pageId={pageId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Time (UTC),Member,Page,Article,Kind,Description,Comments", lines[0]);
        Assert.Equal(5, lines.Length); // header, three entries, and the empty string after the last CRLF
        Assert.Contains(lines, l => l.Contains(",reviewer,", StringComparison.Ordinal) && l.EndsWith(",\"第三行, \"\"署名\"\" 属于下一篇\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",comment,", StringComparison.Ordinal) && l.Contains("请再看一下日期", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UndoAndRedo_SentThroughTheHub_AreMarkedInTheAudit_TheCsv_AndTheHistory_InBothLanguages()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        var imported = await factory.WithDbAsync(async db => (await PageStore.LoadAsync(db, pageId))!.Value.State);
        await using var annotator = await PageClient.ConnectAsync(factory, "annotator", pageId, imported);
        Assert.True((await annotator.JoinAsync()).Joined);
        var article = annotator.State.Articles[0];

        // A change, its undo and the redo, as the browser sends them: the inverse from each answer, flagged.
        var done = await annotator.ApplyAsync(new SetTitle(article.Key, article.Title, "撤销测试标题"));
        Assert.True(done.Accepted, done.Reason);
        var undone = await annotator.ApplyReplayAsync(done.Inverse!, OperationReplay.Undo);
        Assert.True(undone.Accepted, undone.Reason);
        var redone = await annotator.ApplyReplayAsync(undone.Inverse!, OperationReplay.Redo);
        Assert.True(redone.Accepted, redone.Reason);

        // The flag is a label only: an annotator's "undo" that approves is refused like the same change sent plainly.
        var approve = await annotator.ApplyReplayAsync(new SetStatus(article.Key, article.Status, ArticleStatus.Approved), OperationReplay.Undo);
        Assert.False(approve.Accepted);

        var stored = await factory.WithDbAsync(db => Task.FromResult(db.Operations.Where(o => o.PageId == pageId).OrderBy(o => o.Sequence).Select(o => o.Replay).ToList()));
        Assert.Equal([null, OperationReplay.Undo, OperationReplay.Redo], stored);

        string undoText, redoText, doneText;
        var ui = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            (doneText, undoText, redoText) = (OperationDescriptions.Describe(new SetTitle(article.Key, article.Title, "撤销测试标题")), OperationDescriptions.Describe(done.Inverse!), OperationDescriptions.Describe(undone.Inverse!));
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }

        var reviewer = await factory.LoginAsync("reviewer");
        var html = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync($"/Projects/{projectId}/Audit?pageId={pageId}"));
        Assert.Contains("Undo: " + undoText, html, StringComparison.Ordinal);
        Assert.Contains("Redo: " + redoText, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Undo: " + doneText, html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "Undo: "));
        Assert.Equal(1, Count(html, "Redo: "));

        var csv = Encoding.UTF8.GetString((await reviewer.GetByteArrayAsync($"/Projects/{projectId}/Audit?handler=Csv&pageId={pageId}"))[3..]).Split("\r\n");
        Assert.Single(csv, l => l.Contains(",setTitle,", StringComparison.Ordinal) && l.Contains(",Undo: ", StringComparison.Ordinal));
        Assert.Single(csv, l => l.Contains(",setTitle,", StringComparison.Ordinal) && l.Contains(",Redo: ", StringComparison.Ordinal));
        Assert.Single(csv, l => l.Contains(",setTitle,", StringComparison.Ordinal) && !l.Contains("Undo: ", StringComparison.Ordinal) && !l.Contains("Redo: ", StringComparison.Ordinal));

        var history = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync($"/Editor/{pageId}/History"));
        Assert.Contains("Undo: " + undoText, history, StringComparison.Ordinal);
        Assert.Contains("Redo: " + redoText, history, StringComparison.Ordinal);

        var chinese = await factory.LoginAsync("reviewer");
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        var zh = WebUtility.HtmlDecode(await chinese.GetHtmlAsync($"/Projects/{projectId}/Audit?pageId={pageId}"));
        Assert.Equal(1, Count(zh, "撤销："));
        Assert.Equal(1, Count(zh, "重做："));
        Assert.DoesNotContain("Undo: ", zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_IsForbiddenToAnnotators()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var annotator = await factory.LoginAsync("annotator");

        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/Projects/{projectId}/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/Projects/{projectId}/Audit?handler=Csv")).StatusCode);
    }

    /// <summary>A fresh page where the annotator submitted an article, the reviewer sent it back with a comment, and the annotator commented.</summary>
    private async Task<(int ProjectId, int PageId, int Key)> ReviewedPageAsync()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[1];
        var annotator = await factory.LoginAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(key, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.ApplyAsync(pageId, new SetStatus(key, ArticleStatus.Submitted, ArticleStatus.ChangesRequested), Request)).Status);
        Assert.Equal(HttpStatusCode.Created, (await annotator.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text = "请再看一下日期" })).StatusCode);
        return (projectId, pageId, key);
    }

    private static int Count(string html, string needle)
    {
        var count = 0;
        for (var i = html.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = html.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
