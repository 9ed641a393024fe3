using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Web.Cli;
using Workbench.Web.Data;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Cli;

/// <summary>Issue 15 through the CLI over a real SQLite file: what real engines and tools write is imported exactly, or refused by name.</summary>
public sealed class ImportFidelityCliTests : IDisposable
{
    private const string Project = "Fidelity";

    private static readonly string Fixtures = Path.Combine(Repository.Root, "tests", "Workbench.Core.Tests", "Pages", "Fixtures");

    private readonly string directory = Directory.CreateTempSubdirectory("workbench-fidelity-").FullName;

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}"];

    [Fact]
    public async Task ContentDecides_WhateverTheExtension()
    {
        // Case 3: an ALTO file named .alto became lines of XML markup; a BIOES file named .bioes one page of "character TAG" text.
        var alto = await CopyAsync(Path.Combine(Fixtures, "tesseract-chi_sim.alto"), "page.alto");
        var bioes = await WriteAsync("tags.bioes", "徐 B-PER\n某 E-PER\n到 O\n北 B-LOC\n京 E-LOC\n");
        var tei = await WriteAsync("notes.data", "<TEI><text>x</text></TEI>");
        var prose = await WriteAsync("prose.data", "本报讯 今天北京天气晴朗。\n第二行。\n");

        var (code, stdout, stderr) = await RunAsync("import", alto, bioes, tei, prose, "--project", Project);

        Assert.Equal(1, code);
        Assert.Contains("page.alto: imported, 1 article from 1 line.", stdout, StringComparison.Ordinal);
        Assert.Contains("tags.bioes: imported, 1 draft article with 2 entities from 1 line.", stdout, StringComparison.Ordinal);
        Assert.Contains("notes.data: the XML (root <TEI>) is not ALTO, PAGE XML, hOCR or METS.", stderr, StringComparison.Ordinal);
        Assert.Contains("prose.data: imported", stdout, StringComparison.Ordinal);
        await using var db = OpenDb();
        var page = await db.Pages.Include(p => p.Lines).SingleAsync(p => p.SourceName == "page.alto");
        Assert.Equal(Core.Pages.SourceFormat.Alto, page.Format);
        Assert.Equal("李资政星期一(4月14日)在北京会见代表团。", page.Lines.Single().Text);
    }

    [Fact]
    public async Task AnnotationFilesAreRefusedAsPages_BySegment()
    {
        var bioes = await WriteAsync("tags.txt", "徐 B-PER\n某 E-PER\n到 O\n");

        var (code, _, stderr) = await RunAsync("segment", bioes);

        Assert.NotEqual(0, code);
        Assert.Contains("tags.txt: the file holds annotations (CoNLL), not a page", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TesseractChiSimHocr_StoresDeSpacedText_AndTheOcrTextAside()
    {
        // Case 2 through the import path: the stored line has no space between CJK characters, the file's text is kept.
        var file = await CopyAsync(Path.Combine(Fixtures, "tesseract-chi_sim.hocr"), "zh.hocr");

        var (code, _, stderr) = await RunAsync("import", file, "--project", Project);

        Assert.True(code == 0, stderr);
        await using var db = OpenDb();
        var line = await db.Lines.SingleAsync(l => l.Text != "");
        Assert.Equal(("李资政星期一(4月14日)在北京会见代表团。", "李资政星期一(4月14日)在北京会见代表团。"), (line.Original, line.Text));
        Assert.Equal("李 资 政 星 期 一 (4 月 14 日 ) 在 北京 会 见 代 表 团 。", line.OcrText);
    }

    [Fact]
    public async Task MetsIssue_ItemsKeepTheirTypes_PagesGetTheIssueMetadata_AndExportsCarryTheType()
    {
        // Cases 7, 8, 9: ComposedBlock areas, every content div an item with its METS type, issue title and date on every page.
        var issue = Path.Combine(directory, "issue");
        CopyFolder(Path.Combine(Fixtures, "mets-europeana"), issue);

        var (code, stdout, stderr) = await RunAsync("import", issue, "--project", Project);
        Assert.True(code == 0, stderr + stdout);

        await using (var db = OpenDb())
        {
            var pages = await db.Pages.OrderBy(p => p.PageNumber).ToListAsync();
            Assert.Equal([("内蒙古日报", new DateOnly(2023, 7, 12), 1), ("内蒙古日报", new DateOnly(2023, 7, 12), 2)], pages.Select(p => (p.Publication!, p.IssueDate!.Value, p.PageNumber!.Value)));
            var items = await db.Articles.OrderBy(a => a.PageId).ThenBy(a => a.Ordinal).Select(a => new { a.ExternalId, a.ItemType, a.Confidence }).ToListAsync();
            Assert.Equal(
                [("DIVL4", "TITLE_SECTION"), ("DIVL10", "ARTICLE"), ("DIVL103", "ADVERTISEMENT"), (null, null), ("DIVL10", "ARTICLE"), ("DIVL30", "ILLUSTRATION"), ("DIVL40", "TABLE"), ("DIVL104", "ADVERTISEMENT")],
                items.Select(i => (i.ExternalId, i.ItemType)));
        }

        var outDir = Path.Combine(directory, "out");
        (code, _, stderr) = await RunAsync("export", "--project", Project, "--format", "ner-jsonl", "--out", outDir, "--status", "all");
        Assert.True(code == 0, stderr);
        var records = (await File.ReadAllLinesAsync(Path.Combine(outDir, "ner.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var ad = records.Single(r => r.GetProperty("text").GetString() == "诚聘记者电话12345678");
        Assert.Equal("ADVERTISEMENT", ad.GetProperty("itemType").GetString());
        Assert.Equal(("内蒙古日报", "2023-07-12"), (ad.GetProperty("page").GetProperty("publication").GetString(), ad.GetProperty("page").GetProperty("date").GetString()));
        Assert.Contains(records, r => r.GetProperty("text").GetString()!.Contains("工业增长6.1%", StringComparison.Ordinal) && r.GetProperty("itemType").GetString() == "ARTICLE");
        Assert.DoesNotContain(records, r => r.GetProperty("text").GetString() == "1" && r.TryGetProperty("itemType", out _));
    }

    [Fact]
    public async Task BaselineOnlyPage_ItsLinesBelongToAnItem_AndAreExported()
    {
        // Case 11: layout ground truth without text.
        var file = await WriteAsync("gt.xml", """
            <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15"><Page imageFilename="p.jpg" imageWidth="1000" imageHeight="1000">
              <TextRegion id="r1"><Coords points="0,0 900,0 900,200 0,200"/>
                <TextLine id="l1"><Coords points="10,10 800,10 800,50 10,50"/><Baseline points="10,45 800,45"/></TextLine>
                <TextLine id="l2"><Baseline points="10,95 800,95"/></TextLine>
              </TextRegion>
              <TextRegion id="r2"><Coords points="0,300 900,300 900,400 0,400"/><TextLine id="l3"><Baseline points="10,345 700,345"/></TextLine></TextRegion>
            </Page></PcGts>
            """);

        var (code, stdout, stderr) = await RunAsync("import", file, "--project", Project);
        Assert.True(code == 0, stderr);
        Assert.Contains("gt.xml: imported, 1 article from 4 lines.", stdout, StringComparison.Ordinal);

        var outDir = Path.Combine(directory, "seg");
        (code, _, stderr) = await RunAsync("export", "--project", Project, "--format", "segmentation", "--out", outDir, "--status", "all");
        Assert.True(code == 0, stderr);
        var page = JsonDocument.Parse((await File.ReadAllLinesAsync(Path.Combine(outDir, "segmentation.jsonl"))).Single()).RootElement;
        var blocks = page.GetProperty("articles").EnumerateArray().SelectMany(a => a.GetProperty("blocks").EnumerateArray())
            .Select(b => (b.GetProperty("firstLine").GetInt32(), b.GetProperty("lastLine").GetInt32())).ToList();
        Assert.Equal([(1, 4)], blocks); // one untitled item, the blank line between the regions bridged
    }

    [Fact]
    public async Task Relations_AreCountedInTheSummary_AndInTheExportManifest()
    {
        // Case 12.
        var file = await WriteAsync("rel.jsonl", """
            {"id": 1, "text": "张三任职于华为", "entities": [{"id": 1, "label": "PER", "start_offset": 0, "end_offset": 2}, {"id": 2, "label": "ORG", "start_offset": 5, "end_offset": 7}], "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "works_for"}, {"id": 2, "from_id": 2, "to_id": 1, "type": "employs"}]}
            """);

        var (code, stdout, stderr) = await RunAsync("import", file, "--project", Project, "--status", "approved");

        Assert.True(code == 0, stderr);
        Assert.Contains("rel.jsonl: imported, 1 approved article with 2 entities from 1 line. Not imported: 2 relations (Workbench keeps none; the export manifest counts them).", stdout, StringComparison.Ordinal);
        var outDir = Path.Combine(directory, "out");
        (code, stdout, stderr) = await RunAsync("export", "--project", Project, "--format", "ner-jsonl", "--out", outDir);
        Assert.True(code == 0, stderr);
        Assert.Contains("relations in the imported files, not imported: 2", stdout, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json")));
        Assert.Equal(2, manifest.RootElement.GetProperty("counts").GetProperty("relationsNotImported").GetInt32());
    }

    [Fact]
    public async Task TheBuiltExecutable_RunFromAnotherFolder_PrintsOnlyItsOwnOutput()
    {
        // Case 14: without the app's appsettings.json (another working folder), EF Core's SQL logs flooded standard output.
        var executable = Path.Combine(AppContext.BaseDirectory, "Workbench.Web.dll");
        var work = Directory.CreateDirectory(Path.Combine(directory, "elsewhere")).FullName;
        await File.WriteAllTextAsync(Path.Combine(work, "p.txt"), "本报讯 今天北京天气晴朗。\n");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { executable, "import", "p.txt", "--project", Project, "--lang", "en" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Workbench"] = $"Data Source={Path.Combine(work, "x.db")}";
        start.Environment["Workbench__DataDirectory"] = work;
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase) || k.EndsWith("_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(["p.txt: imported, 1 article from 1 line.", "1 imported, 0 skipped as duplicates, 0 refused."], (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.DoesNotContain("Executed DbCommand", await stderr, StringComparison.Ordinal);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private async Task<string> CopyAsync(string from, string name)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllBytesAsync(path, await File.ReadAllBytesAsync(from));
        return path;
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(directory, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WorkbenchCli.RunAsync(args, stdout, stderr, HostArgs);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private WorkbenchDbContext OpenDb() => new(new DbContextOptionsBuilder<WorkbenchDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "cli.db")}").Options);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
