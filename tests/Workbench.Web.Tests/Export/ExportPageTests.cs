using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Export;

/// <summary>The export page: counts, zip download for members, annotation upload for admins.</summary>
public sealed class ExportPageTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private static readonly byte[] Gold = Encoding.UTF8.GetBytes(
        "{\"text\":\"𠀀𠀀公司在北京成立\",\"entities\":[{\"start\":0,\"end\":4,\"label\":\"ORG\"},{\"start\":5,\"end\":7,\"label\":\"LOC\"}]}\r\n" +
        "{\"text\":\"张三😀到了上海\",\"entities\":[{\"start\":0,\"end\":2,\"label\":\"PER\"},{\"start\":5,\"end\":7,\"label\":\"GPE\"}]}\r\n");

    [Fact]
    public async Task AdminUpload_ImportsApprovedGold_ShowsCounts_AndAMemberDownloadsTheZip()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Export";

        var html = await UploadAsync(admin, url, "page-gold.jsonl", Gold, "auto", "approved");

        Assert.Contains("page-gold.jsonl: imported, 2 approved articles with 4 entities from 2 lines. New labels: GPE.", html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"GPE\"", html, StringComparison.Ordinal);

        var annotator = await factory.LoginAsync("annotator");
        var response = await DownloadAsync(annotator, url, "ner-jsonl", "approved", "80/10/10", "5", confirmEmpty: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("workbench-Demo-Inner-Mongolia-newspapers-ner-jsonl.zip", response.Content.Headers.ContentDisposition?.FileNameStar);

        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(["dev.jsonl", "manifest.json", "test.jsonl", "train.jsonl"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            var bytes = Encoding.UTF8.GetBytes(Read(zip, file.GetProperty("name").GetString()!));
            Assert.Equal(file.GetProperty("size").GetInt64(), bytes.Length);
            Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        var records = new[] { "train.jsonl", "dev.jsonl", "test.jsonl" }
            .SelectMany(f => Read(zip, f).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("page").GetProperty("source").GetString() == "page-gold.jsonl")
            .ToList();
        Assert.Equal(["𠀀𠀀公司在北京成立", "张三😀到了上海"], records.Select(r => r.GetProperty("text").GetString()).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("approved", manifest.RootElement.GetProperty("filters").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Export_DefaultsToNoSplit_WarnsBeforeAnEmptySplit_AndListsUntouchedArticles()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Export";
        await UploadAsync(admin, url, "untouched-gold.jsonl", "{\"text\":\"王五在包头\",\"entities\":[{\"start\":0,\"end\":2,\"label\":\"PER\"}]}\n"u8.ToArray(), "auto", "approved");
        var pageId = await factory.PageIdAsync("untouched-gold.jsonl");
        var sha = await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == pageId).Select(p => p.Sha256).SingleAsync());

        Assert.Contains("name=\"Split\" value=\"none\"", await admin.GetHtmlAsync(url), StringComparison.Ordinal);

        // 100/0: the test split can get nothing. The page says so instead of downloading.
        var warned = await DownloadAsync(admin, url, "ner-jsonl", "approved", "100/0", "0");
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        Assert.Equal("text/html", warned.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await warned.Content.ReadAsStringAsync());
        Assert.Contains("id=\"empty-split-warning\"", html, StringComparison.Ordinal);
        Assert.Contains("test 0", html, StringComparison.Ordinal);

        var anyway = await DownloadAsync(admin, url, "ner-jsonl", "approved", "100/0", "0", confirmEmpty: true);
        Assert.Equal("application/zip", anyway.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await anyway.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var manifest = JsonDocument.Parse(Read(zip, "manifest.json"));
        Assert.Equal(["test"], manifest.RootElement.GetProperty("split").GetProperty("empty").EnumerateArray().Select(e => e.GetString()));
        var untouched = manifest.RootElement.GetProperty("untouched").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains($"{sha[..12]}-1", untouched);
        Assert.Equal(untouched.Count, manifest.RootElement.GetProperty("counts").GetProperty("untouched").GetInt32());
    }

    [Theory]
    [InlineData("Demo: Inner Mongolia newspapers", "workbench-Demo-Inner-Mongolia-newspapers-conll.zip")]
    [InlineData("内蒙古 日报 / 2024", "workbench-内蒙古-日报-2024-conll.zip")]
    [InlineData("::: ***", "workbench-project-7-conll.zip")]
    public void DownloadName_HasNoSpacesOrOddCharacters(string project, string expected) =>
        Assert.Equal(expected, Workbench.Web.Export.ExportZip.DownloadName(project, 7, "conll"));

    [Fact]
    public async Task Export_NamesAnnotatorsAndTheApprovingReviewer()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Export";
        await UploadAsync(admin, url, "people.conll", "王 B-PER\n五 I-PER\n在 O\n包 B-LOC\n头 I-LOC\n"u8.ToArray(), "conll", "draft");
        var pageId = await factory.PageIdAsync("people.conll");
        var annotator = await factory.LoginAsync("annotator");
        var reviewer = await factory.LoginAsync("reviewer");

        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new AddEntity("LOC", new Anchor(1, 3), new Anchor(1, 4), "包"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await annotator.ApplyAsync(pageId, new SetStatus(1, ArticleStatus.Draft, ArticleStatus.Submitted))).Status);
        var (status, outcome) = await reviewer.ApplyAsync(pageId, new SetStatus(1, ArticleStatus.Submitted, ArticleStatus.Approved));
        Assert.True(status == HttpStatusCode.OK, outcome.ToString());

        var response = await DownloadAsync(annotator, url, "ner-jsonl", "approved", "none", "0");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var record = Read(zip, "ner.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(r => r.GetProperty("page").GetProperty("source").GetString() == "people.conll");
        Assert.Equal(["annotator"], record.GetProperty("annotators").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("reviewer", record.GetProperty("reviewer").GetString());
        var sha = await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == pageId).Select(p => p.Sha256).SingleAsync());
        Assert.Equal($"{sha[..12]}-1", record.GetProperty("id").GetString());
    }

    [Fact]
    public async Task NonMember_IsForbidden_AndAnnotatorsCannotUpload()
    {
        await factory.CreateOutsiderAsync("export-outsider");
        var outsider = await factory.LoginAsync("export-outsider");
        var projectId = await factory.DemoProjectIdAsync();
        var url = $"/Projects/{projectId}/Export";

        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(url)).StatusCode);
        var token = await HttpExtensions.AntiforgeryTokenAsync(outsider, "/");
        var post = await outsider.PostAsync($"{url}?handler=Download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Format"] = "conll", ["Status"] = "all", ["Split"] = "none", ["Seed"] = "0",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        var annotator = await factory.LoginAsync("annotator");
        var before = await factory.WithDbAsync(db => db.Pages.CountAsync());
        var upload = await annotator.UploadAsync(url, $"{url}?handler=Upload", ("sneaky.jsonl", Gold));
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Pages.CountAsync()));
    }

    [Fact]
    public async Task BadSplit_IsShownOnThePage()
    {
        var client = await factory.LoginAsync("reviewer");
        var projectId = await factory.DemoProjectIdAsync();

        var response = await DownloadAsync(client, $"/Projects/{projectId}/Export", "conll", "approved", "80/ten", "0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The split “80/ten” is not valid", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedUpload_NamesTheLine_AndStoresNothing()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var before = await factory.WithDbAsync(async db => (await db.Pages.CountAsync(), await db.Labels.CountAsync(), await db.Entities.CountAsync()));
        var broken = Encoding.UTF8.GetBytes("{\"text\":\"甲\",\"entities\":[]}\n{\"text\":\"乙丙\",\"entities\":[{\"start\":0,\"end\":2,\"label\":\"NEW\",\"text\":\"丙丁\"}]}\n");

        var html = await UploadAsync(admin, $"/Projects/{projectId}/Export", "refused.jsonl", broken, "ner-jsonl", "approved");

        Assert.Contains("refused.jsonl: line 2:", html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(async db => (await db.Pages.CountAsync(), await db.Labels.CountAsync(), await db.Entities.CountAsync())));
    }

    private static async Task<string> UploadAsync(HttpClient client, string url, string name, byte[] bytes, string format, string status)
    {
        var token = await HttpExtensions.AntiforgeryTokenAsync(client, url);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(format), "annotationFormat" },
            { new StringContent(status), "annotationStatus" },
            { new ByteArrayContent(bytes), "files", name },
        };
        var response = await client.PostAsync($"{url}?handler=Upload", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.GetHtmlAsync(response.Headers.Location!.ToString());
    }

    private static async Task<HttpResponseMessage> DownloadAsync(HttpClient client, string url, string format, string status, string split, string seed, bool confirmEmpty = false)
    {
        var token = await HttpExtensions.AntiforgeryTokenAsync(client, url);
        return await client.PostAsync($"{url}?handler=Download", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Format"] = format, ["Status"] = status, ["Split"] = split, ["Seed"] = seed, ["ConfirmEmpty"] = confirmEmpty ? "true" : "false",
        }));
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
