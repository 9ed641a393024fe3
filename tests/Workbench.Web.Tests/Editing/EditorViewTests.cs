using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Editing;

public sealed partial class EditorViewTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task Workbench_RendersBothPanesWithEveryLineAndEveryArticle()
    {
        var client = await factory.LoginAsync("annotator");
        var pageId = await factory.PageIdAsync("000a_");

        var html = await client.GetHtmlAsync($"/Editor/{pageId}");

        Assert.Contains("id=\"lines-pane\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"articles-pane\"", html, StringComparison.Ordinal);
        using var state = JsonDocument.Parse(WebUtility.HtmlDecode(StateJson().Match(html).Groups[1].Value));
        var lines = state.RootElement.GetProperty("lines");
        Assert.Equal(306, lines.GetArrayLength());
        Assert.Equal(1, lines[0].GetProperty("n").GetInt32());
        Assert.Equal("走进内蒙古农业大学职业技术", lines[1].GetProperty("text").GetString());
        Assert.True(state.RootElement.GetProperty("articles").GetArrayLength() > 1);
    }

    [Fact]
    public async Task StateApi_ReturnsTheSameStateAsJson()
    {
        var client = await factory.LoginAsync("reviewer");
        var pageId = await factory.PageIdAsync("001_");

        var response = await client.GetAsync($"/api/pages/{pageId}/state");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("reviewer", state.RootElement.GetProperty("role").GetString());
        Assert.Equal(0, state.RootElement.GetProperty("page").GetProperty("version").GetInt32());
        var first = state.RootElement.GetProperty("articles")[0];
        Assert.Equal("全力建设区域科技创新中心 创新生态持续优化", first.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/Workbench/12", "/Editor/12")]
    [InlineData("/Workbench/12/History?before=40", "/Editor/12/History?before=40")]
    [InlineData("/Workbench/12/Resegment", "/Editor/12/Resegment")]
    public async Task OldEditorAddresses_RedirectPermanently(string old, string now)
    {
        var client = factory.AnonymousClient();

        var response = await client.GetAsync(old);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(now, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task UnknownPage_Is404()
    {
        var client = await factory.LoginAsync("admin");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Editor/999999")).StatusCode);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"page-state\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex StateJson();
}
