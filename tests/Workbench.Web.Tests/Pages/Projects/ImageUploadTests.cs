using System.Net;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Pages.Projects;

/// <summary>The project page's upload pairs images with the OCR files in the same upload, or with the project's pages.</summary>
public sealed class ImageUploadTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    [Fact]
    public async Task OcrAndImageInOneUpload_ArePaired_ByBaseNameAndByReference()
    {
        var html = await UploadAsync(
            ("up-a.xml", Unique(LayoutFixtures.Alto())), ("up-a.jpg", LayoutFixtures.Jpeg(120, 160)),
            ("up-b.xml", Unique(LayoutFixtures.PageXml("scan_of_b.png"))), ("scan_of_b.png", LayoutFixtures.Png(90, 100)));

        Assert.Contains("up-a.xml: imported", html, StringComparison.Ordinal);
        Assert.Contains("image up-a.jpg (120×160)", html, StringComparison.Ordinal);
        Assert.Contains("image scan_of_b.png (90×100)", html, StringComparison.Ordinal);
        Assert.Equal(120, (await PageAsync("up-a.xml")).Image!.Width);
        Assert.Equal(90, (await PageAsync("up-b.xml")).Image!.Width);
    }

    [Fact]
    public async Task ImageAlone_AttachesToThePageWithItsBaseName_AndReplacesTheOldImage()
    {
        await UploadAsync(("alone.hocr", Unique(LayoutFixtures.Hocr())), ("alone.png", LayoutFixtures.Png(50, 50)));
        var old = (await PageAsync("alone.hocr")).Image!.Path;

        var html = await UploadAsync(("alone.tiff", LayoutFixtures.Tiff(70, 80)));

        Assert.Contains("alone.tiff: image of alone.hocr (70×80).", html, StringComparison.Ordinal);
        var image = (await PageAsync("alone.hocr")).Image!;
        Assert.Equal((70, 80, "image/png"), (image.Width, image.Height, image.ContentType));
        Assert.False(File.Exists(Path.Combine(factory.ImagesDirectory, old)), "the replaced image, used by no page, is removed");
    }

    [Fact]
    public async Task UnmatchedImage_IsReported_AndNotStored()
    {
        var before = ImageFiles();

        var html = await UploadAsync(("nobody-has-this-name.jpg", LayoutFixtures.Jpeg(20, 20)));

        Assert.Contains(ImageMessages.Unmatched("nobody-has-this-name.jpg"), html, StringComparison.Ordinal);
        Assert.Equal(before, ImageFiles());
    }

    [Fact]
    public async Task FakeImage_IsRefusedByName_WhileItsPageIsImported()
    {
        var before = ImageFiles();

        var html = await UploadAsync(("fake-up.xml", Unique(LayoutFixtures.Alto())), ("fake-up.png", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray()));

        Assert.Contains("fake-up.xml: imported", html, StringComparison.Ordinal);
        Assert.Contains($"fake-up.png: {ImageMessages.NotAnImage}", html, StringComparison.Ordinal);
        Assert.Null((await PageAsync("fake-up.xml")).Image);
        Assert.Equal(before, ImageFiles());
    }

    private async Task<string> UploadAsync(params (string Name, byte[] Bytes)[] files)
    {
        var client = await factory.LoginAsync("admin");
        var projectId = await factory.DemoProjectIdAsync();
        var response = await client.UploadAsync($"/Projects/{projectId}", $"/Projects/{projectId}?handler=Upload", files);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return WebUtility.HtmlDecode(await client.GetHtmlAsync(response.Headers.Location!.ToString()));
    }

    private Task<Workbench.Web.Data.Page> PageAsync(string sourceName) =>
        factory.WithDbAsync(db => db.Pages.AsNoTracking().SingleAsync(p => p.SourceName == sourceName));

    private static byte[] Unique(byte[] bytes) => [.. bytes, .. System.Text.Encoding.UTF8.GetBytes($"\n<!-- {Guid.NewGuid():N} -->\n")];

    /// <summary>Image files stored so far (after the app has started and seeded its demo page with a scan).</summary>
    private int ImageFiles() => factory.Services is not null && Directory.Exists(factory.ImagesDirectory) ? Directory.GetFiles(factory.ImagesDirectory, "*", SearchOption.AllDirectories).Length : 0;
}
