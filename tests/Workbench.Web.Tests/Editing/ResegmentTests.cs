using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Editing;

public sealed class ResegmentTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Admin_SeesWhatWouldChange_AndAppliesIt()
    {
        var pageId = await factory.PageIdAsync("002_");
        var expected = await ArticleCountAsync(pageId);
        await CollapseIntoOneArticleAsync(pageId);
        var client = await factory.LoginAsync("admin");

        var preview = WebUtility.HtmlDecode(await client.GetHtmlAsync($"/Editor/{pageId}/Resegment"));
        Assert.Contains("Current (1 articles)", preview, StringComparison.Ordinal);
        Assert.Contains($"Proposed ({expected} articles)", preview, StringComparison.Ordinal);
        Assert.Contains("change-added", preview, StringComparison.Ordinal);

        var response = await client.PostFormAsync($"/Editor/{pageId}/Resegment", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, await ArticleCountAsync(pageId));
    }

    [Fact]
    public async Task AnOpenPage_IsToldOfTheResegmentation_AndItsJoinGetsTheNewArticles()
    {
        var pageId = await factory.PageIdAsync("001_");
        var expected = await ArticleCountAsync(pageId);
        await CollapseIntoOneArticleAsync(pageId);
        await using var open = await PageClient.ConnectAsync(factory, "annotator", pageId, PageClient.ImportedState("001_"));
        var reset = new TaskCompletionSource<(int PageId, string Reason)>(TaskCreationOptions.RunContinuationsAsynchronously);
        open.Connection.On<int, string>(nameof(Workbench.Web.Hubs.IPageClient.PageReset), (page, reason) => reset.TrySetResult((page, reason)));
        Assert.Single((await open.Connection.InvokeAsync<Workbench.Web.Hubs.JoinResult>(nameof(Workbench.Web.Hubs.PageHub.Join), pageId, -1)).State!.Articles);

        var admin = await factory.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Editor/{pageId}/Resegment", [])).StatusCode);

        var (resetPage, why) = await reset.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(pageId, resetPage);
        Assert.Contains("re-segmented", why, StringComparison.Ordinal);
        var again = await open.Connection.InvokeAsync<Workbench.Web.Hubs.JoinResult>(nameof(Workbench.Web.Hubs.PageHub.Join), pageId, -1);
        Assert.Equal(expected, again.State!.Articles.Count);
    }

    [Fact]
    public async Task Annotator_CannotResegment()
    {
        var client = await factory.LoginAsync("annotator");

        var response = await client.GetAsync($"/Editor/{await factory.PageIdAsync("001_")}/Resegment");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task EditedPage_IsNotResegmented()
    {
        var pageId = await factory.PageIdAsync("000a_");
        var client = await factory.LoginAsync("admin");
        var token = await HttpExtensions.AntiforgeryTokenAsync(client, $"/Editor/{pageId}/Resegment");
        await CollapseIntoOneArticleAsync(pageId);
        await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == pageId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, 3)));

        var response = await client.PostAsync($"/Editor/{pageId}/Resegment", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Contains("can no longer be re-segmented", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await ArticleCountAsync(pageId));
    }

    private Task<int> ArticleCountAsync(int pageId) => factory.WithDbAsync(db => db.Articles.CountAsync(a => a.PageId == pageId));

    /// <summary>Stands in for a page segmented by an older, worse segmenter: everything in one article.</summary>
    private Task<int> CollapseIntoOneArticleAsync(int pageId) => factory.WithDbAsync(async db =>
    {
        var lineCount = await db.Lines.CountAsync(l => l.PageId == pageId);
        await db.Articles.Where(a => a.PageId == pageId).ExecuteDeleteAsync();
        var article = new Article { PageId = pageId, Key = 1, Ordinal = 0, Title = "everything", Confidence = 0.5 };
        article.Blocks.Add(new Block { Ordinal = 0, Role = Core.Segmentation.BlockRole.Body, FirstLine = 1, LastLine = lineCount });
        db.Articles.Add(article);
        return await db.SaveChangesAsync();
    });
}
