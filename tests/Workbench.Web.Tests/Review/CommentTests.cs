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
