using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Import;

/// <summary>Images found beside OCR files in a folder: by base name or by the name the OCR file gives; checked, converted, stored as files.</summary>
public sealed class PageImageTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("workbench-images-").FullName;

    [Fact]
    public async Task ImageWithTheSameBaseName_IsStoredAsUploaded()
    {
        var jpeg = LayoutFixtures.Jpeg(300, 400);
        var outcomes = await ImportAsync("p1.xml", Unique(LayoutFixtures.Alto()), ("p1.jpg", jpeg));

        var page = await PageAsync(outcomes[0]);
        Assert.Equal(("image/jpeg", 300, 400, "p1.jpg"), (page.Image!.ContentType, page.Image.Width, page.Image.Height, page.Image.OriginalName));
        Assert.Equal(jpeg, await File.ReadAllBytesAsync(Path.Combine(factory.ImagesDirectory, page.Image.Path)));
        Assert.Contains("image p1.jpg (300×400)", outcomes[0].Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> References => new()
    {
        { "page", "scans/page-scan.png" },
        { "hocr", "/home/ocr/run/page-scan.png" },
        { "alto", "page-scan.png" },
    };

    [Theory]
    [MemberData(nameof(References))]
    public async Task ImageNamedInTheOcrFile_IsFoundInsideTheFolder(string format, string reference)
    {
        var name = $"ref-{format}.{(format == "hocr" ? "hocr" : "xml")}";
        var bytes = format switch { "page" => LayoutFixtures.PageXml(reference), "hocr" => LayoutFixtures.Hocr(reference), _ => LayoutFixtures.Alto(reference) };
        var imagePath = reference.StartsWith('/') ? "page-scan.png" : reference; // an absolute path is looked up by its name beside the OCR file
        var outcomes = await ImportAsync(name, bytes, (imagePath, LayoutFixtures.Png(200, 250)));

        var page = await PageAsync(outcomes[0]);
        Assert.Equal(("image/png", 200, 250), (page.Image!.ContentType, page.Image.Width, page.Image.Height));
    }

    [Fact]
    public async Task Tiff_IsConvertedToPng()
    {
        var outcomes = await ImportAsync("tiffed.xml", Unique(LayoutFixtures.PageXml()), ("tiffed.tif", LayoutFixtures.Tiff(64, 48)));

        var page = await PageAsync(outcomes[0]);
        Assert.Equal(("image/png", 64, 48), (page.Image!.ContentType, page.Image.Width, page.Image.Height));
        var stored = await File.ReadAllBytesAsync(Path.Combine(factory.ImagesDirectory, page.Image.Path));
        Assert.Equal(ImageMagick.MagickFormat.Png, PageImageStore.Sniff(stored));
        Assert.EndsWith(".png", page.Image.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebP_IsKept()
    {
        var outcomes = await ImportAsync("webp.xml", Unique(LayoutFixtures.PageXml()), ("webp.webp", LayoutFixtures.WebP(40, 30)));

        Assert.Equal("image/webp", (await PageAsync(outcomes[0])).Image!.ContentType);
    }

    [Fact]
    public async Task FakeImage_IsRefusedByName_PageImportsWithoutIt_AndNoFileIsStored()
    {
        var before = ImageFiles();
        var outcomes = await ImportAsync("fake.xml", Unique(LayoutFixtures.Alto()), ("fake.jpg", LayoutFixtures.FakeJpeg()));

        Assert.Equal(ImportStatus.Imported, outcomes[0].Status);
        var refusal = outcomes[1];
        Assert.Equal(ImportStatus.Rejected, refusal.Status);
        Assert.StartsWith("fake.jpg: could not be read as a JPEG image", refusal.Message, StringComparison.Ordinal);
        Assert.Null((await PageAsync(outcomes[0])).Image);
        Assert.Equal(before, ImageFiles());
    }

    [Fact]
    public void TextNamedLikeAnImage_IsRefusedByItsBytes()
    {
        var e = Assert.Throws<Core.Pages.PageRejectedException>(() => PageImageStore.Prepare("notes.png", "just text"u8.ToArray()));

        Assert.Equal($"notes.png: {ImageMessages.NotAnImage}", e.Message);
    }

    [Fact]
    public async Task OversizedImage_IsRefused_AndNothingIsStored()
    {
        var before = ImageFiles();
        var huge = new byte[PageImageStore.MaxBytes + 1];
        LayoutFixtures.Png(2, 2).CopyTo(huge, 0);

        var outcomes = await ImportAsync("huge.xml", Unique(LayoutFixtures.Alto()), ("huge.png", huge));

        Assert.Equal($"huge.png: {ImageMessages.TooLarge(PageImageStore.MaxBytes)}", outcomes[1].Message);
        Assert.Null((await PageAsync(outcomes[0])).Image);
        Assert.Equal(before, ImageFiles());
    }

    [Fact]
    public async Task ReferenceLeavingTheImportFolder_IsRefused_AndNotRead()
    {
        var outside = Path.Combine(Path.GetDirectoryName(folder)!, $"outside-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(outside, LayoutFixtures.Png(10, 10));
        try
        {
            var reference = $"../{Path.GetFileName(outside)}";
            var outcomes = await ImportAsync("escape.xml", Unique(LayoutFixtures.PageXml(reference)));

            Assert.Equal(ImportStatus.Rejected, outcomes[1].Status);
            Assert.Equal($"{Path.GetFileName(outside)}: {ImageMessages.OutsideFolder(reference)}", outcomes[1].Message);
            Assert.Null((await PageAsync(outcomes[0])).Image);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task ReimportingTheSameOcrWithAScan_GivesTheExistingPageTheScan()
    {
        var bytes = Unique(LayoutFixtures.Hocr("later.png", width: 611));
        var first = await ImportAsync("later.hocr", bytes);
        Assert.Null((await PageAsync(first[0])).Image);

        var again = await ImportAsync("later.hocr", bytes, ("later.png", LayoutFixtures.Png(30, 40)));

        Assert.Equal(ImportStatus.Duplicate, again[0].Status);
        Assert.Equal(first[0].PageId, again[0].PageId);
        Assert.Equal(30, (await PageAsync(first[0])).Image!.Width);
    }

    private async Task<IReadOnlyList<ImportOutcome>> ImportAsync(string name, byte[] bytes, params (string Path, byte[] Bytes)[] images)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, bytes);
        foreach (var (imagePath, imageBytes) in images)
        {
            var full = Path.Combine(folder, imagePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, imageBytes);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var projectId = (await ProjectService.GetOrCreateAsync(scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>(), "Images", TimeProvider.System)).Id;
        return await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportWithImageAsync(projectId, name, bytes, ImageLookups.InFolder(path, folder));
    }

    /// <summary>The same fixture with a comment of its own, so it is not a duplicate of another test's page.</summary>
    private static byte[] Unique(byte[] bytes) => [.. bytes, .. System.Text.Encoding.UTF8.GetBytes($"\n<!-- {Guid.NewGuid():N} -->\n")];

    private Task<Page> PageAsync(ImportOutcome outcome) =>
        factory.WithDbAsync(db => db.Pages.AsNoTracking().SingleAsync(p => p.Id == outcome.PageId));

    /// <summary>Image files stored so far (after the app has started and seeded its demo page with a scan).</summary>
    private int ImageFiles() => factory.Services is not null && Directory.Exists(factory.ImagesDirectory) ? Directory.GetFiles(factory.ImagesDirectory, "*", SearchOption.AllDirectories).Length : 0;

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
