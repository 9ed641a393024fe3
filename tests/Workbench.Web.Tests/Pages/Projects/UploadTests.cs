using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Projects;

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

    [Fact]
    public async Task DeeplyNestedFiles_AreRefusedByName_AndTheAppStillAnswers()
    {
        // Issue 17 H1: ReadingOrder groups nested 100,000 deep and hOCR with 100,000 nested divs overflowed the stack and killed the server.
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        static string Nest(string open, string close) => string.Concat(Enumerable.Repeat(open, 100_000)) + string.Concat(Enumerable.Repeat(close, 100_000));
        var page = $"""<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page><ReadingOrder>{Nest("<OrderedGroup id=\"g\">", "</OrderedGroup>")}</ReadingOrder></Page></PcGts>""";
        var hocr = $"""<html><body><div class='ocr_page' title='bbox 0 0 9 9'>{Nest("<div>", "</div>")}</div></body></html>""";

        var html = await UploadAsync(client, projectId, ("deep-order.xml", Encoding.UTF8.GetBytes(page)), ("deep-divs.hocr", Encoding.UTF8.GetBytes(hocr)));

        Assert.Contains("deep-order.xml: the XML nests elements more than 256 levels deep", html, StringComparison.Ordinal);
        Assert.Contains("deep-divs.hocr: the XML nests elements more than 256 levels deep", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Projects/{projectId}")).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Pages.AnyAsync(p => p.SourceName.StartsWith("deep-"))));
    }

    [Fact]
    public async Task AnnotationFileUploadedWithPages_TakesTheSamePathAsTheCli()
    {
        // Issue 15 case 3 on the web: content decides; a CoNLL file among page files is imported as annotations, not as a text page.
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();

        var html = await UploadAsync(client, projectId, ("web-tags.bioes", "徐 B-PER\n某 E-PER\n到 O\n"u8.ToArray()));

        Assert.Contains("web-tags.bioes: imported, 1 draft article with 1 entity from 1 line.", html, StringComparison.Ordinal);
        Assert.Equal("徐某到", await factory.WithDbAsync(db => db.Lines.Where(l => db.Pages.Any(p => p.Id == l.PageId && p.SourceName == "web-tags.bioes")).Select(l => l.Text).SingleAsync()));
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
