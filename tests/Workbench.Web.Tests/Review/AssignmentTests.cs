using System.Net;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed class AssignmentTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Reviewer_AssignsAWholePage_ThroughTheLog_AndMyWorkListsIt()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        var annotatorId = await factory.UserIdAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");

        var response = await reviewer.PostFormAsync($"/Projects/{projectId}/Assign?handler=Page&pageId={pageId}", new() { ["assigneeId"] = annotatorId }, $"/Projects/{projectId}/Assign");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var keys = await factory.ArticleKeysAsync(pageId);
        Assert.True(await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId).AllAsync(a => a.AssigneeId == annotatorId)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Operations.CountAsync(o => o.PageId == pageId && o.Kind == (keys.Count == 1 ? "assign" : "batch"))));

        var annotator = await factory.LoginAsync("annotator");
        var html = await annotator.GetHtmlAsync($"/Projects/{projectId}/MyWork");
        Assert.Contains($"/Editor/{pageId}#article-{keys[0]}", html, StringComparison.Ordinal);
        Assert.Contains("work-draft", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviewer_AssignsOneArticle_AndMyWorkGroupsItByStatus()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[1];
        var adminId = await factory.UserIdAsync("admin");
        var reviewer = await factory.LoginAsync("reviewer");

        var response = await reviewer.PostFormAsync($"/Projects/{projectId}/Assign?handler=Article&pageId={pageId}&articleKey={key}", new() { ["assigneeId"] = adminId }, $"/Projects/{projectId}/Assign");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(adminId, await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId && a.Key == key).Select(a => a.AssigneeId).SingleAsync()));
        await factory.ForceStatusAsync(pageId, key, ArticleStatus.ChangesRequested);
        var admin = await factory.LoginAsync("admin");
        var html = await admin.GetHtmlAsync($"/Projects/{projectId}/MyWork");
        Assert.Contains("work-changesrequested", html, StringComparison.Ordinal);
        Assert.Contains($"#article-{key}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annotator_CannotAssign_NeitherOnThePageNorOverTheApi()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        var annotatorId = await factory.UserIdAsync("annotator");
        var annotator = await factory.LoginAsync("annotator");

        Assert.Equal(HttpStatusCode.Forbidden, (await annotator.GetAsync($"/Projects/{projectId}/Assign")).StatusCode);
        var key = (await factory.ArticleKeysAsync(pageId))[0];
        var (status, outcome) = await annotator.ApplyAsync(pageId, new Assign(key, annotatorId));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Only a reviewer or an admin can assign", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_ToANonMember_IsRefused()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        await factory.CreateOutsiderAsync("nobody-here");
        var outsiderId = await factory.UserIdAsync("nobody-here");
        var admin = await factory.LoginAsync("admin");

        var response = await admin.PostFormAsync($"/Projects/{projectId}/Assign?handler=Page&pageId={pageId}", new() { ["assigneeId"] = outsiderId }, $"/Projects/{projectId}/Assign");

        Assert.Contains("not a member of this project", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Articles.AnyAsync(a => a.PageId == pageId && a.AssigneeId != null)));
    }

    [Fact]
    public async Task Reviewer_UnassignsAWholePage_WithNobody()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var pageId = await factory.FreshPageAsync();
        var annotatorId = await factory.UserIdAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");
        var assign = $"/Projects/{projectId}/Assign";
        await reviewer.PostFormAsync($"{assign}?handler=Page&pageId={pageId}", new() { ["assigneeId"] = annotatorId }, assign);

        var nothingChosen = await reviewer.PostFormAsync($"{assign}?handler=Page&pageId={pageId}", new() { ["assigneeId"] = "" }, assign);
        Assert.Contains("Choose the member to assign to", System.Net.WebUtility.HtmlDecode(await nothingChosen.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId).AllAsync(a => a.AssigneeId == annotatorId)));

        var response = await reviewer.PostFormAsync($"{assign}?handler=Page&pageId={pageId}", new() { ["assigneeId"] = "none" }, assign);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == pageId).AllAsync(a => a.AssigneeId == null)));
    }

    [Fact]
    public async Task MyWork_IsEmptyForSomeoneWithNothingAssigned()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var reviewer = await factory.LoginAsync("reviewer");

        Assert.Contains("no-work", await reviewer.GetHtmlAsync($"/Projects/{projectId}/MyWork"), StringComparison.Ordinal);
    }
}
