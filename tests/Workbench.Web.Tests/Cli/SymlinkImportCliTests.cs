using Microsoft.EntityFrameworkCore;
using Workbench.Web.Cli;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Cli;

/// <summary>A METS folder whose files are symbolic links to elsewhere on the machine: `import` reads nothing outside the folder.</summary>
public sealed class SymlinkImportCliTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("workbench-cli-links-").FullName;

    private string Database => Path.Combine(directory, "cli.db");

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Database}", $"--Workbench:ImagesDirectory={Path.Combine(directory, "images")}"];

    [Fact]
    public async Task ImportMetsFolder_RefusesFilesAndFoldersThatLinkOutOfIt()
    {
        var outside = Directory.CreateDirectory(Path.Combine(directory, "elsewhere")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(outside, "secret.xml"), LayoutFixtures.Alto(blockPrefix: "P2_B"));
        await File.WriteAllBytesAsync(Path.Combine(outside, "secret.jpg"), LayoutFixtures.Jpeg(30, 40));
        Directory.CreateDirectory(Path.Combine(outside, "deep"));
        await File.WriteAllBytesAsync(Path.Combine(outside, "deep", "0003.xml"), LayoutFixtures.Alto(blockPrefix: "P3_B"));
        var issue = Directory.CreateDirectory(Path.Combine(directory, "issue")).FullName;
        Directory.CreateDirectory(Path.Combine(issue, "ALTO"));
        Directory.CreateDirectory(Path.Combine(issue, "IMG"));
        await File.WriteAllBytesAsync(Path.Combine(issue, "ALTO", "0001.xml"), LayoutFixtures.Alto(blockPrefix: "P1_B"));
        File.CreateSymbolicLink(Path.Combine(issue, "ALTO", "0002.xml"), Path.Combine(outside, "secret.xml"));
        File.CreateSymbolicLink(Path.Combine(issue, "IMG", "scan-a.jpg"), Path.Combine(outside, "secret.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(issue, "MORE"), Path.Combine(outside, "deep"));
        await File.WriteAllTextAsync(Path.Combine(issue, "mets.xml"), Mets);

        var (code, stdout, stderr) = await RunAsync("import", issue, "--project", "Links");

        Assert.Equal(1, code);
        Assert.Contains("issue_0001.xml: imported", stdout, StringComparison.Ordinal);
        Assert.Contains("issue_0002.xml: mets.xml points outside its folder", stderr, StringComparison.Ordinal);
        Assert.Contains("issue_0003.xml: mets.xml points outside its folder", stderr, StringComparison.Ordinal);
        Assert.Contains("outside the import folder", stderr, StringComparison.Ordinal);
        await using var db = new Workbench.Web.Data.WorkbenchDbContext(new DbContextOptionsBuilder<Workbench.Web.Data.WorkbenchDbContext>().UseSqlite($"Data Source={Database}").Options);
        var pages = await db.Pages.AsNoTracking().ToListAsync();
        Assert.Equal("issue_0001.xml", Assert.Single(pages).SourceName);
        Assert.Null(pages[0].Image);
    }

    [Fact]
    public void Resolve_FollowsEveryLinkOnThePath()
    {
        var target = Directory.CreateDirectory(Path.Combine(directory, "target")).FullName;
        var inside = Directory.CreateDirectory(Path.Combine(directory, "inside")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(inside, "link"), "../target");
        File.WriteAllText(Path.Combine(target, "f.txt"), "x");

        Assert.Equal(Path.Combine(target, "f.txt"), ImportPaths.Resolve(Path.Combine(inside, "link", "f.txt")));
        Assert.False(ImportPaths.IsInside(inside, Path.Combine(inside, "link", "f.txt")));
        Assert.True(ImportPaths.IsInside(directory, Path.Combine(inside, "link", "f.txt")));
    }

    private const string Mets = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
          <fileSec>
            <fileGrp ID="IMGGRP" USE="Images">
              <file ID="IMG1" MIMETYPE="image/jpeg"><FLocat LOCTYPE="URL" xlink:href="file://./IMG/scan-a.jpg"/></file>
            </fileGrp>
            <fileGrp ID="ALTOGRP" USE="Text">
              <file ID="ALTO1" MIMETYPE="text/xml"><FLocat LOCTYPE="URL" xlink:href="file://./ALTO/0001.xml"/></file>
              <file ID="ALTO2" MIMETYPE="text/xml"><FLocat LOCTYPE="URL" xlink:href="file://./ALTO/0002.xml"/></file>
              <file ID="ALTO3" MIMETYPE="text/xml"><FLocat LOCTYPE="URL" xlink:href="file://./MORE/0003.xml"/></file>
            </fileGrp>
          </fileSec>
          <structMap TYPE="PHYSICAL">
            <div TYPE="Newspaper">
              <div ID="PAGE1" TYPE="page" ORDER="1"><fptr FILEID="IMG1"/><fptr FILEID="ALTO1"/></div>
              <div ID="PAGE2" TYPE="page" ORDER="2"><fptr FILEID="ALTO2"/></div>
              <div ID="PAGE3" TYPE="page" ORDER="3"><fptr FILEID="ALTO3"/></div>
            </div>
          </structMap>
        </mets>
        """;

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
