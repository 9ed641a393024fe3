using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Web.Data;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Import;

/// <summary>Every layout importer stores each line's box and the OCR page size; a METS issue's pages get their scans.</summary>
public sealed class LineBoxImportTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("workbench-boxes-").FullName;

    public static TheoryData<string, string> Formats => new()
    {
        { "boxes.alto.xml", "alto" },
        { "boxes.page.xml", "page" },
        { "boxes.hocr", "hocr" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Import_StoresEveryLineBoxAndThePageSize(string name, string format)
    {
        var bytes = format switch
        {
            "alto" => LayoutFixtures.Alto(width: 610, height: 810),
            "page" => LayoutFixtures.PageXml(width: 610, height: 810),
            _ => LayoutFixtures.Hocr(width: 610, height: 810),
        };

        var pageId = await ImportAsync($"{format}-{Guid.NewGuid():N}-{name}", bytes);

        var (page, lines) = await LoadAsync(pageId);
        Assert.Equal((610, 810), (page.OcrWidth, page.OcrHeight));
        var boxed = lines.Where(l => l.X is not null).ToList();
        Assert.Equal([1, 3, 4], boxed.Select(l => l.Number));
        for (var i = 0; i < boxed.Count; i++)
        {
            var expected = LayoutFixtures.Lines[i];
            Assert.Equal(expected.Text, boxed[i].Text);
            Assert.Equal((expected.X, expected.Y, expected.W, expected.H), (boxed[i].X!.Value, boxed[i].Y!.Value, boxed[i].Width!.Value, boxed[i].Height!.Value));
        }

        Assert.Null(lines.Single(l => l.Number == 2).X);
    }

    [Fact]
    public async Task PlainText_HasNoBoxes()
    {
        var pageId = await ImportAsync($"plain-{Guid.NewGuid():N}.txt", "本报讯 一行。\n第二行。\n"u8.ToArray());

        var (page, lines) = await LoadAsync(pageId);
        Assert.Null(page.OcrWidth);
        Assert.All(lines, l => Assert.Null(l.X));
    }

    [Fact]
    public async Task MetsIssue_StoresBoxes_AndEachPageGetsTheScanItsPhysicalDivNames()
    {
        var issue = Directory.CreateDirectory(Path.Combine(folder, "issue1")).FullName;
        Directory.CreateDirectory(Path.Combine(issue, "ALTO"));
        Directory.CreateDirectory(Path.Combine(issue, "IMG"));
        await File.WriteAllBytesAsync(Path.Combine(issue, "ALTO", "0001.xml"), LayoutFixtures.Alto(blockPrefix: "P1_B"));
        await File.WriteAllBytesAsync(Path.Combine(issue, "ALTO", "0002.xml"), LayoutFixtures.Alto(blockPrefix: "P2_B", width: 1200, height: 1600));
        await File.WriteAllBytesAsync(Path.Combine(issue, "IMG", "scan-a.jpg"), LayoutFixtures.Jpeg(300, 400));
        await File.WriteAllBytesAsync(Path.Combine(issue, "IMG", "scan-b.tif"), LayoutFixtures.Tiff(120, 160));
        await File.WriteAllTextAsync(Path.Combine(issue, "mets.xml"), Mets, Encoding.UTF8);

        IReadOnlyList<ImportOutcome> outcomes;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var projectId = await ProjectIdAsync(scope);
            outcomes = await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportMetsIssueAsync(projectId, Path.Combine(issue, "mets.xml"));
        }

        Assert.All(outcomes, o => Assert.Equal(ImportStatus.Imported, o.Status));
        Assert.Equal(2, outcomes.Count);
        var (first, firstLines) = await LoadAsync(outcomes[0].PageId!.Value);
        var (second, _) = await LoadAsync(outcomes[1].PageId!.Value);
        Assert.Equal("issue1_0001.xml", first.SourceName);
        Assert.Equal((LayoutFixtures.Lines[1].X, LayoutFixtures.Lines[1].Y), (firstLines.Single(l => l.Number == 3).X!.Value, firstLines.Single(l => l.Number == 3).Y!.Value));
        Assert.Equal(("image/jpeg", 300, 400, "scan-a.jpg"), (first.Image!.ContentType, first.Image.Width, first.Image.Height, first.Image.OriginalName));
        Assert.Equal(("image/png", 120, 160), (second.Image!.ContentType, second.Image.Width, second.Image.Height));
        Assert.Equal((1200, 1600), (second.OcrWidth, second.OcrHeight));
        Assert.True(File.Exists(Path.Combine(factory.ImagesDirectory, first.Image.Path)));
    }

    private const string Mets = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
          <fileSec>
            <fileGrp ID="IMGGRP" USE="Images">
              <file ID="IMG1" MIMETYPE="image/jpeg"><FLocat LOCTYPE="URL" xlink:href="file://./IMG/scan-a.jpg"/></file>
              <file ID="IMG2" MIMETYPE="image/tiff"><FLocat LOCTYPE="URL" xlink:href="file://./IMG/scan-b.tif"/></file>
            </fileGrp>
            <fileGrp ID="ALTOGRP" USE="Text">
              <file ID="ALTO1" MIMETYPE="text/xml"><FLocat LOCTYPE="URL" xlink:href="file://./ALTO/0001.xml"/></file>
              <file ID="ALTO2" MIMETYPE="text/xml"><FLocat LOCTYPE="URL" xlink:href="file://./ALTO/0002.xml"/></file>
            </fileGrp>
          </fileSec>
          <structMap TYPE="PHYSICAL">
            <div TYPE="Newspaper">
              <div ID="PAGE1" TYPE="page" ORDER="1"><fptr FILEID="IMG1"/><fptr FILEID="ALTO1"/></div>
              <div ID="PAGE2" TYPE="page" ORDER="2"><fptr FILEID="IMG2"/><fptr FILEID="ALTO2"/></div>
            </div>
          </structMap>
          <structMap TYPE="LOGICAL">
            <div TYPE="Newspaper"><div ID="ART1" TYPE="ARTICLE" LABEL="书屋">
              <div TYPE="HEADING"><fptr><area FILEID="ALTO1" BEGIN="P1_B1" BETYPE="IDREF"/></fptr></div>
              <div TYPE="BODY"><fptr><area FILEID="ALTO1" BEGIN="P1_B2" BETYPE="IDREF"/></fptr><fptr><area FILEID="ALTO2" BEGIN="P2_B2" BETYPE="IDREF"/></fptr></div>
            </div></div>
          </structMap>
        </mets>
        """;

    private async Task<int> ImportAsync(string name, byte[] bytes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<PageImporter>().ImportAsync(await ProjectIdAsync(scope), name, bytes);
        Assert.True(outcome.Status == ImportStatus.Imported, outcome.Message);
        return outcome.PageId!.Value;
    }

    private static async Task<int> ProjectIdAsync(AsyncServiceScope scope) =>
        (await ProjectService.GetOrCreateAsync(scope.ServiceProvider.GetRequiredService<WorkbenchDbContext>(), "Boxes", TimeProvider.System)).Id;

    private Task<(Page Page, List<PageLine> Lines)> LoadAsync(int pageId) => factory.WithDbAsync(async db =>
        (await db.Pages.AsNoTracking().SingleAsync(p => p.Id == pageId), await db.Lines.AsNoTracking().Where(l => l.PageId == pageId).OrderBy(l => l.Number).ToListAsync()));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
