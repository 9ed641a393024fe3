using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Cli;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Import;

/// <summary>GB18030/GBK text pages: refused by default with how to read them; read and converted when the user says so.</summary>
public sealed class EncodingImportTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    // CRLF, a supplementary character (𠀀, four bytes in GB18030) and an emoji must come through unchanged.
    private const string Text = "内蒙古日报\r\n\r\n本报讯 草原书屋开进牧区𠀀。\r\n牧民们围在车旁挑选图书😀。\r\n";

    static EncodingImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Gb18030(string text) => Encoding.GetEncoding("GB18030").GetBytes(text);

    [Fact]
    public async Task Upload_RefusesGb18030ByDefault_ReadsItWhenChosen_KeepingTheOriginalHash()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var bytes = Gb18030(Text + Guid.NewGuid().ToString("N"));

        var refused = await UploadAsync(admin, projectId, "gbk-page.txt", bytes, null);
        Assert.Contains("gbk-page.txt: the file is not UTF-8", refused, StringComparison.Ordinal);
        Assert.Contains("--encoding gb18030", refused, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.Pages.AnyAsync(p => p.SourceName == "gbk-page.txt")));

        var imported = await UploadAsync(admin, projectId, "gbk-page.txt", bytes, "gb18030");
        Assert.Contains("gbk-page.txt: imported", imported, StringComparison.Ordinal);
        var page = await factory.WithDbAsync(db => db.Pages.AsNoTracking().SingleAsync(p => p.SourceName == "gbk-page.txt"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), page.Sha256);
        var lines = await factory.WithDbAsync(db => db.Lines.AsNoTracking().Where(l => l.PageId == page.Id).OrderBy(l => l.Number).Select(l => l.Text).ToListAsync());
        Assert.Equal(["内蒙古日报", "", "本报讯 草原书屋开进牧区𠀀。", "牧民们围在车旁挑选图书😀。"], lines.Take(4));

        // The same bytes again are a duplicate (found by the original hash), whichever encoding is chosen.
        Assert.Contains("gbk-page.txt", await UploadAsync(admin, projectId, "gbk-page.txt", bytes, "gb18030"), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Pages.CountAsync(p => p.Sha256 == page.Sha256)));
    }

    [Fact]
    public async Task Upload_WithGb18030Chosen_StillReadsUtf8FilesAsUtf8()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();

        var html = await UploadAsync(admin, projectId, "utf8-with-choice.txt", Encoding.UTF8.GetBytes(Text + Guid.NewGuid().ToString("N")), "gb18030");

        Assert.Contains("utf8-with-choice.txt: imported", html, StringComparison.Ordinal);
        var pageId = await factory.WithDbAsync(db => db.Pages.Where(p => p.SourceName == "utf8-with-choice.txt").Select(p => p.Id).SingleAsync());
        Assert.True(await factory.WithDbAsync(db => db.Lines.AnyAsync(l => l.PageId == pageId && l.Text == "本报讯 草原书屋开进牧区𠀀。")));
    }

    [Fact]
    public async Task Cli_RefusesGb18030_UnlessEncodingGb18030()
    {
        var directory = Directory.CreateTempSubdirectory("workbench-cli-gbk-").FullName;
        try
        {
            var file = Path.Combine(directory, "报纸_2024-01-02_p01.txt");
            await File.WriteAllBytesAsync(file, Gb18030(Text));
            string[] host = [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}", $"--Workbench:ImagesDirectory={Path.Combine(directory, "images")}"];

            var (code, _, stderr) = await RunAsync(host, "import", file, "--project", "GBK");
            Assert.Equal(1, code);
            Assert.Contains("reads as GB18030/GBK", stderr, StringComparison.Ordinal);

            var (code2, stdout2, stderr2) = await RunAsync(host, "import", file, "--project", "GBK", "--encoding", "gb18030");
            Assert.True(code2 == 0, stderr2);
            Assert.Contains("报纸_2024-01-02_p01.txt: imported", stdout2, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] host, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr, host);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task<string> UploadAsync(HttpClient client, int projectId, string name, byte[] bytes, string? encoding)
    {
        var token = await HttpExtensions.AntiforgeryTokenAsync(client, $"/Projects/{projectId}");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "files", name } };
        if (encoding is not null)
        {
            content.Add(new StringContent(encoding), "encoding");
        }

        var response = await client.PostAsync($"/Projects/{projectId}?handler=Upload", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await client.GetHtmlAsync(response.Headers.Location!.ToString()));
    }
}
