using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Security;

/// <summary>M4 (outcomes of a big upload kept server-side, not in cookies) and NUL bytes in uploaded file names.</summary>
public sealed class UploadOutcomeTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task ThreeHundredFiles_TheOutcomesShow_WithoutCookiesGrowing_AndOnlyForTheUploader()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var files = Enumerable.Range(0, 300).Select(i => ($"no-such-page-{i:D3}.jpg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })).ToArray();

        var response = await admin.UploadAsync($"/Projects/{projectId}", $"/Projects/{projectId}?handler=Upload", files);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.True(setCookies.Sum(c => c.Length) < 4096, $"{setCookies.Sum(c => c.Length)} bytes of cookies set: {string.Join(" | ", setCookies.Select(c => c[..Math.Min(60, c.Length)]))}");
        var next = await admin.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var html = WebUtility.HtmlDecode(await next.Content.ReadAsStringAsync());
        Assert.Contains("no-such-page-000.jpg", html, StringComparison.Ordinal);
        Assert.Contains("no-such-page-299.jpg", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Projects/{projectId}")).StatusCode);

        // The token in the redirect is no use to anyone else.
        var reviewer = await factory.LoginAsync("reviewer");
        var theirs = WebUtility.HtmlDecode(await reviewer.GetHtmlAsync(response.Headers.Location!.ToString()));
        Assert.DoesNotContain("no-such-page-000.jpg", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileNameWithANulByte_IsRefusedByName_AndNothingIsStored()
    {
        var admin = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var token = await HttpExtensions.AntiforgeryTokenAsync(admin, $"/Projects/{projectId}");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("标题\n\n正文。\n"));
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileNameStar = "evil\0name.txt" };
        content.Add(file);
        var before = await factory.WithDbAsync(db => db.Pages.CountAsync());

        var response = await admin.PostAsync($"/Projects/{projectId}?handler=Upload", content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = WebUtility.HtmlDecode(await admin.GetHtmlAsync(response.Headers.Location!.ToString()));
        Assert.Contains("evil\\u0000name.txt: the file name holds a control character", html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(db => db.Pages.CountAsync()));
    }
}
