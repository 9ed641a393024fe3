using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Review;

public sealed class CommentTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Member_PostsAComment_AndEveryMemberReadsItWithTheAuthorName()
    {
        var pageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[0];
        var annotator = await factory.LoginAsync("annotator");
        var url = $"/api/pages/{pageId}/articles/{key}/comments";

        var posted = await annotator.PostAsJsonAsync(url, new { text = "  标题里的日期看不清。 " });

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var reviewer = await factory.LoginAsync("reviewer");
        var list = await reviewer.GetFromJsonAsync<JsonElement>(url);
        var comment = Assert.Single(list.EnumerateArray());
        Assert.Equal("标题里的日期看不清。", comment.GetProperty("text").GetString());
        Assert.Equal("annotator", comment.GetProperty("authorName").GetString());
    }

    [Fact]
    public async Task ThePagesCommentsComeInOneAnswer_EveryArticlesThreadOldestFirst_AndOnlyForMembers()
    {
        var pageId = await factory.FreshPageAsync();
        var keys = await factory.ArticleKeysAsync(pageId);
        var annotator = await factory.LoginAsync("annotator");
        foreach (var (key, text) in new[] { (keys[1], "第二篇：日期"), (keys[0], "first: 😀"), (keys[1], "第二篇：再看") })
        {
            Assert.Equal(HttpStatusCode.Created, (await annotator.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text })).StatusCode);
        }

        var otherPage = await factory.FreshPageAsync();
        Assert.Equal(HttpStatusCode.Created, (await annotator.PostAsJsonAsync($"/api/pages/{otherPage}/articles/{(await factory.ArticleKeysAsync(otherPage))[0]}/comments", new { text = "elsewhere" })).StatusCode);

        var list = (await (await factory.LoginAsync("reviewer")).GetFromJsonAsync<JsonElement>($"/api/pages/{pageId}/comments")).EnumerateArray().ToList();

        Assert.Equal(["第二篇：日期", "first: 😀", "第二篇：再看"], list.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal([keys[1], keys[0], keys[1]], list.Select(c => c.GetProperty("articleKey").GetInt32()));
        Assert.All(list, c => Assert.Equal("annotator", c.GetProperty("authorName").GetString()));
        await factory.CreateOutsiderAsync("page-comments-outsider");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await factory.LoginAsync("page-comments-outsider")).GetAsync($"/api/pages/{pageId}/comments")).StatusCode);
    }

    [Fact]
    public async Task EmptyComment_Is400_WithAClearMessage()
    {
        var pageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[0];
        var annotator = await factory.LoginAsync("annotator");

        var response = await annotator.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text = "   " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Write a comment first.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var tooLong = await annotator.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text = new string('字', Workbench.Web.Data.Comment.MaxText + 1) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task NonMember_IsForbidden_AndAMissingArticleIs404()
    {
        var pageId = await factory.FreshPageAsync();
        var key = (await factory.ArticleKeysAsync(pageId))[0];
        await factory.CreateOutsiderAsync("comment-outsider");
        var outsider = await factory.LoginAsync("comment-outsider");

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/pages/{pageId}/articles/{key}/comments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsJsonAsync($"/api/pages/{pageId}/articles/{key}/comments", new { text = "hi" })).StatusCode);
        var annotator = await factory.LoginAsync("annotator");
        Assert.Equal(HttpStatusCode.NotFound, (await annotator.GetAsync($"/api/pages/{pageId}/articles/99999/comments")).StatusCode);
    }
}
