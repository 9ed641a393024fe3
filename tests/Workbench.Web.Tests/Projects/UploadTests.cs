using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Projects;

public sealed class UploadTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private static readonly byte[] NewPage = Encoding.UTF8.GetBytes("# 测试标题\n\n●本报记者 张三\n\n正文第一段。\n第二行继续。\n");

    [Fact]
    public async Task Upload_CreatesPageWithLinesAndArticles_AndReimportIsSkipped()
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();

        var first = await UploadAsync(client, projectId, ("upload-ok.md", NewPage));
        var second = await UploadAsync(client, projectId, ("upload-again.md", NewPage));

        Assert.Contains("upload-ok.md: imported", first, StringComparison.Ordinal);
        Assert.Contains("already in this project as upload-ok.md; skipped", second, StringComparison.Ordinal);
        var pages = await factory.WithDbAsync(db => db.Pages.Include(p => p.Lines).Include(p => p.Articles).Where(p => p.Sha256 != null && p.SourceName.StartsWith("upload-")).ToListAsync());
        var page = Assert.Single(pages);
        Assert.Equal(6, page.Lines.Count);
        Assert.NotEmpty(page.Articles);
        Assert.Equal("测试标题", page.Articles[0].Title);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "bad-utf8.txt", [0xE6, 0x96, 0x87, 0xFF, 0xFE, 0x41], "not valid UTF-8" },
        { "binary.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x10], "binary" },
        { "empty.txt", [], "empty" },
        { "blank.txt", "  \r\n\n"u8.ToArray(), "empty" },
        { "huge.txt", Huge(), "larger than 20 MB" },
    };

    [Theory]
    [MemberData(nameof(BadFiles), DisableDiscoveryEnumeration = true)]
    public async Task BadFile_IsRefusedWithItsReason_AndNothingIsStored(string name, byte[] bytes, string reason)
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var before = await CountsAsync();

        var html = await UploadAsync(client, projectId, (name, bytes));

        Assert.Contains($"{name}: ", html, StringComparison.Ordinal);
        Assert.Contains(reason, html, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task MixedUpload_StoresTheGoodFilesAndReportsEachBadOne()
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();

        var html = await UploadAsync(client, projectId, ("mixed-good.txt", "本报讯 这是一条新闻。\n"u8.ToArray()), ("mixed-bad.txt", [0xC3, 0x28]));

        Assert.Contains("mixed-good.txt: imported", html, StringComparison.Ordinal);
        Assert.Contains("mixed-bad.txt: the file is not valid UTF-8", html, StringComparison.Ordinal);
        Assert.True(await factory.WithDbAsync(db => db.Pages.AnyAsync(p => p.SourceName == "mixed-good.txt")));
        Assert.False(await factory.WithDbAsync(db => db.Pages.AnyAsync(p => p.SourceName == "mixed-bad.txt")));
    }

    private static async Task<string> UploadAsync(HttpClient client, int projectId, params (string Name, byte[] Bytes)[] files)
    {
        var response = await client.UploadAsync($"/Projects/{projectId}", $"/Projects/{projectId}?handler=Upload", files);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await client.GetHtmlAsync(response.Headers.Location!.ToString()));
    }

    private Task<(int Pages, int Lines, int Articles)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Pages.CountAsync(), await db.Lines.CountAsync(), await db.Articles.CountAsync()));

    private static byte[] Huge()
    {
        var bytes = new byte[(20 * 1024 * 1024) + 1];
        bytes.AsSpan().Fill((byte)'a');
        return bytes;
    }
}
