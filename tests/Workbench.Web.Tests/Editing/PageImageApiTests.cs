using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Data;
using Workbench.Web.Editing;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Editing;

/// <summary>The page image API (members only, cacheable) and the image and boxes in the editor state. Uses the demo page with a scan.</summary>
public sealed class PageImageApiTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const string DemoImagePage = "示例晨报_2025-06-01_p01";

    [Fact]
    public async Task Image_AnonymousGets401()
    {
        var pageId = await factory.PageIdAsync(DemoImagePage);

        var response = await factory.AnonymousClient().GetAsync($"/api/pages/{pageId}/image");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Image_NonMemberGets403()
    {
        await factory.CreateOutsiderAsync("image-outsider");
        var client = await factory.LoginAsync("image-outsider");

        var response = await client.GetAsync($"/api/pages/{await factory.PageIdAsync(DemoImagePage)}/image");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Image_MemberGetsTheJpegWithItsETag_AndA304WhenUnchanged()
    {
        var pageId = await factory.PageIdAsync(DemoImagePage);
        var sha = await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == pageId).Select(p => p.Image!.Sha256).SingleAsync());
        var client = await factory.LoginAsync("annotator");

        var response = await client.GetAsync($"/api/pages/{pageId}/image");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"\"{sha}\"", response.Headers.ETag!.Tag);
        Assert.Contains("max-age", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/pages/{pageId}/image");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{sha}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Image_OfAPageWithoutOne_Is404()
    {
        var client = await factory.LoginAsync("annotator");

        var response = await client.GetAsync($"/api/pages/{await factory.PageIdAsync("001_")}/image");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task State_CarriesTheImageAndEveryLineBox()
    {
        var client = await factory.LoginAsync("reviewer");
        var pageId = await factory.PageIdAsync(DemoImagePage);

        using var state = JsonDocument.Parse(await client.GetStringAsync($"/api/pages/{pageId}/state"));

        var image = state.RootElement.GetProperty("page").GetProperty("image");
        Assert.StartsWith($"/api/pages/{pageId}/image?v=", image.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal((900, 1020, 900, 1020), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32(), image.GetProperty("ocrWidth").GetInt32(), image.GetProperty("ocrHeight").GetInt32()));
        var boxes = state.RootElement.GetProperty("boxes").EnumerateArray().Select(b => b.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList();
        var lines = state.RootElement.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("text").GetString()!.Trim().Length > 0).ToList();
        Assert.Equal(lines.Select(l => l.GetProperty("n").GetInt32()), boxes.Select(b => b[0]));
        var headline = lines.Single(l => l.GetProperty("text").GetString() == "草原书屋开进牧区").GetProperty("n").GetInt32();
        Assert.Equal([headline, 48, 150, 320, 46], boxes.Single(b => b[0] == headline));
    }

    [Fact]
    public async Task State_OfAPlainTextPage_HasNoImageAndNoBoxes()
    {
        var client = await factory.LoginAsync("reviewer");

        using var state = JsonDocument.Parse(await client.GetStringAsync($"/api/pages/{await factory.PageIdAsync("002_")}/state"));

        Assert.False(state.RootElement.GetProperty("page").TryGetProperty("image", out var image) && image.ValueKind != JsonValueKind.Null);
        Assert.Equal(0, state.RootElement.GetProperty("boxes").GetArrayLength());
    }

    [Fact]
    public async Task Resegmentation_KeepsTheBoxes_AndSegmentsWithThem()
    {
        var pageId = await factory.PageIdAsync(DemoImagePage);
        var boxesBefore = await factory.WithDbAsync(db => PageStore.BoxesAsync(db, pageId));
        var client = await factory.LoginAsync("admin");

        var response = await client.PostFormAsync($"/Editor/{pageId}/Resegment", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(boxesBefore, await factory.WithDbAsync(db => PageStore.BoxesAsync(db, pageId)));
        Assert.NotEmpty(boxesBefore);
        var proposal = await factory.WithDbAsync(async db =>
        {
            var (page, _) = (await PageStore.LoadAsync(db, pageId))!.Value;
            return await Resegmentation.ProposeAsync(db, page);
        });
        Assert.Equal(boxesBefore.OrderBy(b => b.Key).Select(b => (b.Key, b.Value)), proposal.Page.Lines.Where(l => l.Box is not null).Select(l => (l.Number, l.Box!.Value)));
        Assert.Equal(900, proposal.Page.Width);
    }
}
