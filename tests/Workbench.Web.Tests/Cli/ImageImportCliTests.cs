using Microsoft.EntityFrameworkCore;
using Workbench.Web.Cli;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Cli;

/// <summary>`import` picks up each page file's image beside it, and attaches an image named on its own to the page of the same name.</summary>
public sealed class ImageImportCliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("workbench-cli-images-").FullName;

    private string Images => Path.Combine(directory, "images");

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}", $"--Workbench:ImagesDirectory={Images}"];

    [Fact]
    public async Task ImportFolder_PairsImagesByBaseName_ThenAnImageAloneAttachesToItsPage()
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "in")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "p1.xml"), LayoutFixtures.Alto());
        await File.WriteAllBytesAsync(Path.Combine(folder, "p1.tif"), LayoutFixtures.Tiff(60, 80));
        await File.WriteAllBytesAsync(Path.Combine(folder, "p2.hocr"), LayoutFixtures.Hocr());

        var (code, stdout, stderr) = await RunAsync("import", folder, "--project", "Scans");

        Assert.True(code == 0, stderr);
        Assert.Contains("p1.xml: imported", stdout, StringComparison.Ordinal);
        Assert.Contains("image p1.tif (60×80)", stdout, StringComparison.Ordinal);
        var later = Path.Combine(directory, "p2.jpg");
        await File.WriteAllBytesAsync(later, LayoutFixtures.Jpeg(33, 44));
        var fake = Path.Combine(directory, "p2-fake.png");
        await File.WriteAllBytesAsync(fake, "GIF89a not a png"u8.ToArray());

        var (code2, stdout2, stderr2) = await RunAsync("import", later, fake, "--project", "Scans");

        Assert.Contains("p2.jpg: image of p2.hocr (33×44).", stdout2, StringComparison.Ordinal);
        Assert.Contains("p2-fake.png: ", stderr2, StringComparison.Ordinal);
        Assert.Equal(1, code2);
        await using var db = new Workbench.Web.Data.WorkbenchDbContext(new DbContextOptionsBuilder<Workbench.Web.Data.WorkbenchDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "cli.db")}").Options);
        var pages = await db.Pages.AsNoTracking().OrderBy(p => p.SourceName).ToListAsync();
        Assert.Equal(("image/png", 60), (pages[0].Image!.ContentType, pages[0].Image!.Width));
        Assert.Equal(("image/jpeg", 33), (pages[1].Image!.ContentType, pages[1].Image!.Width));
        Assert.Equal(2, Directory.GetFiles(Images, "*", SearchOption.AllDirectories).Length);
        Assert.True(await db.Lines.AnyAsync(l => l.PageId == pages[1].Id && l.X == LayoutFixtures.Lines[0].X));
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr, HostArgs);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
