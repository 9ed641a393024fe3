using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Import;
using Workbench.Web.Review;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Continuation;

/// <summary>Linking and unlinking continued articles by hand: through the edit path, checked on the server, audited.</summary>
public sealed class ManualLinkTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private async Task<(int ProjectId, int Page1, int Page2)> TwoPagesAsync(string paper)
    {
        var projectId = await factory.DemoProjectIdAsync();
        var page1 = await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, $"{paper}_2024-05-06_p01.txt", Encoding.UTF8.GetBytes($"{paper}第一版标题\n本报讯 正文𠀀第一部分。\n")));
        var page2 = await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, $"{paper}_2024-05-06_p03.txt", Encoding.UTF8.GetBytes($"{paper}第三版的续文😀第二部分。\n")));
        return (projectId, page1.PageId!.Value, page2.PageId!.Value);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, int pageId, object operation)
    {
        var state = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{pageId}/state");
        return await client.PostAsJsonAsync($"/api/pages/{pageId}/operations", new { seenVersion = state.GetProperty("page").GetProperty("version").GetInt32(), operation });
    }

    [Fact]
    public async Task LinkAndUnlink_ShowOnBothPagesAndInHistoryAndAudit()
    {
        var (projectId, page1, page2) = await TwoPagesAsync("手连报");
        var client = await factory.LoginAsync("annotator");

        var linked = await SendAsync(client, page1, new { kind = "linkContinuation", articleKey = 1, otherPageId = page2, otherArticleKey = 1, direction = "on" });

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var state2 = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{page2}/state");
        var from = Assert.Single(state2.GetProperty("continuations").EnumerateArray());
        Assert.Equal(("from", page1, 1, "manual"), (from.GetProperty("direction").GetString(), from.GetProperty("otherPageId").GetInt32(), from.GetProperty("otherPageNumber").GetInt32(), from.GetProperty("source").GetString()));
        var again = await SendAsync(client, page1, new { kind = "linkContinuation", articleKey = 1, otherPageId = page2, otherArticleKey = 1, direction = "on" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains(ServerMessages.LinkExists, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Unlinked from the other side: the same link seen from page 2.
        var unlinked = await SendAsync(client, page2, new { kind = "unlinkContinuation", articleKey = 1, otherPageId = page1, otherArticleKey = 1, direction = "from" });
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ArticleLinks.AnyAsync(l => l.FromPageId == page1)));

        var history1 = await factory.WithDbAsync(db => OperationLog.AfterAsync(db, page1, 0));
        Assert.Contains(history1, o => o.Kind == "linkContinuation" && o.Description.Contains($"continued on article 1 of page id {page2}", StringComparison.Ordinal));
        var (audit, _) = await factory.WithDbAsync(db => AuditTrail.ListAsync(db, projectId, new AuditFilter(null, page2, null, null, null, null), 0, 50));
        Assert.Contains(audit, e => e.Kind == "unlinkContinuation" && e.AuthorName == "annotator" && e.ArticleKey == 1);
        var historyPage = await client.GetStringAsync($"/Editor/{page1}/History");
        Assert.Contains("Linked article 1", historyPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_IsRefusedForApprovedArticlesOtherProjectsAndNonMembers()
    {
        var (_, page1, page2) = await TwoPagesAsync("拒连报");
        await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == page2).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Approved)));
        var client = await factory.LoginAsync("admin");

        var toApproved = await SendAsync(client, page1, new { kind = "linkContinuation", articleKey = 1, otherPageId = page2, otherArticleKey = 1, direction = "on" });
        Assert.Equal(HttpStatusCode.Conflict, toApproved.StatusCode);
        var fromApproved = await SendAsync(client, page2, new { kind = "linkContinuation", articleKey = 1, otherPageId = page1, otherArticleKey = 1, direction = "from" });
        Assert.Equal(HttpStatusCode.Conflict, fromApproved.StatusCode);

        var elsewhere = await factory.WithDbAsync(async db =>
        {
            var project = new Project { Name = "别的项目", CreatedAt = DateTimeOffset.UtcNow };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project.Id;
        });
        elsewhere = (await factory.WithImporterAsync(importer => importer.ImportAsync(elsewhere, "别的_2024-05-06_p02.txt", Encoding.UTF8.GetBytes("别的项目的页面。\n")))).PageId!.Value;
        var crossProject = await SendAsync(client, page1, new { kind = "linkContinuation", articleKey = 1, otherPageId = elsewhere, otherArticleKey = 1, direction = "on" });
        Assert.Equal(HttpStatusCode.Conflict, crossProject.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.ArticleLinks.AnyAsync(l => l.FromPageId == page1 || l.ToPageId == page1)));

        await factory.CreateOutsiderAsync("stranger");
        var stranger = await factory.LoginAsync("stranger");
        var outsider = await stranger.PostAsJsonAsync($"/api/pages/{page1}/operations", new { seenVersion = 0, operation = new { kind = "linkContinuation", articleKey = 1, otherPageId = page2, otherArticleKey = 1, direction = "on" } });
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/pages/{page1}/link-targets")).StatusCode);
    }

    [Fact]
    public async Task LinkTargets_OfferTheIssuesOtherPagesWithTheirArticles()
    {
        var (_, page1, page2) = await TwoPagesAsync("选页报");
        var client = await factory.LoginAsync("annotator");

        var targets = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{page1}/link-targets");

        var page = Assert.Single(targets.EnumerateArray());
        Assert.Equal((page2, 3), (page.GetProperty("id").GetInt32(), page.GetProperty("pageNumber").GetInt32()));
        Assert.Equal(1, page.GetProperty("articles")[0].GetProperty("key").GetInt32());
    }
}
