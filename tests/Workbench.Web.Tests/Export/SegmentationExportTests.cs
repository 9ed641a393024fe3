using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Editing;
using Workbench.Web.Cli;
using Workbench.Web.Data;

namespace Workbench.Web.Tests.Export;

/// <summary>
/// The segmentation export writes every page, each with its own articles: a METS issue whose article runs over three
/// pages (pages 2 and 3 hold nothing but its parts) is imported and exported through the CLI, over a real SQLite file.
/// </summary>
public sealed class SegmentationExportTests : IDisposable
{
    private const string Project = "Issue";

    private const string Mets = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
          <fileSec><fileGrp USE="Text">
            <file ID="ALTO0001" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/00001.xml"/></file>
            <file ID="ALTO0002" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/00002.xml"/></file>
            <file ID="ALTO0003" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/00003.xml"/></file>
          </fileGrp></fileSec>
          <structMap TYPE="PHYSICAL"><div TYPE="Newspaper">
            <div TYPE="page" ORDER="1"><fptr FILEID="ALTO0001"/></div>
            <div TYPE="page" ORDER="2"><fptr FILEID="ALTO0002"/></div>
            <div TYPE="page" ORDER="3"><fptr FILEID="ALTO0003"/></div>
          </div></structMap>
          <structMap TYPE="LOGICAL"><div TYPE="Newspaper">
            <div ID="ART1" TYPE="Article" LABEL="Short news">
              <div TYPE="HEADING"><div TYPE="TITLE"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB1"/></fptr></div></div>
              <div TYPE="BODY"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB2"/></fptr></div>
            </div>
            <div ID="ART2" TYPE="Article" LABEL="The long debate">
              <div TYPE="HEADING"><div TYPE="TITLE"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB3"/></fptr></div></div>
              <div TYPE="BODY">
                <div TYPE="PARAGRAPH" ORDER="1"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB4"/></fptr></div>
                <div TYPE="PARAGRAPH" ORDER="2"><fptr><area BETYPE="IDREF" FILEID="ALTO0002" BEGIN="P2_TB1"/></fptr></div>
                <div TYPE="PARAGRAPH" ORDER="3"><fptr><area BETYPE="IDREF" FILEID="ALTO0003" BEGIN="P3_TB1"/></fptr></div>
              </div>
            </div>
          </div></structMap>
        </mets>
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("workbench-segexport-").FullName;

    private string[] HostArgs => [$"--ConnectionStrings:Workbench=Data Source={Path.Combine(directory, "cli.db")}"];

    private static string Alto(params string[] blocks) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="http://www.loc.gov/standards/alto/ns-v2#">
          <Layout><Page ID="P" WIDTH="2000" HEIGHT="3000"><PrintSpace>{string.Concat(blocks)}</PrintSpace></Page></Layout>
        </alto>
        """;

    private static string Block(string id, params string[] lines) =>
        $"""<TextBlock ID="{id}">{string.Concat(lines.Select((l, i) => $"""<TextLine ID="{id}_L{i}"><String CONTENT="{l}"/></TextLine>"""))}</TextBlock>""";

    [Theory]
    [InlineData("all", "none")]
    [InlineData("approved", "none")]
    [InlineData("all", "80/10/10")]
    public async Task MetsIssue_EveryPageIsExported_WithItsOwnArticles(string status, string split)
    {
        var issue = Directory.CreateDirectory(Path.Combine(directory, "issue"));
        Directory.CreateDirectory(Path.Combine(issue.FullName, "ALTO"));
        await File.WriteAllTextAsync(Path.Combine(issue.FullName, "issue-METS.xml"), Mets);
        await File.WriteAllTextAsync(Path.Combine(issue.FullName, "ALTO", "00001.xml"), Alto(
            Block("P1_TB1", "Short𠀀news"), Block("P1_TB2", "A cart overturned."), Block("P1_TB3", "The long debate"), Block("P1_TB4", "The council met.", "It talked.")));
        await File.WriteAllTextAsync(Path.Combine(issue.FullName, "ALTO", "00002.xml"), Alto(Block("P2_TB1", "It talked😀on.", "And on.", "And on.")));
        await File.WriteAllTextAsync(Path.Combine(issue.FullName, "ALTO", "00003.xml"), Alto(Block("P3_TB1", "Then it voted.")));

        var (code, _, stderr) = await RunAsync("import", issue.FullName, "--project", Project);
        Assert.True(code == 0, stderr);
        if (status == "approved")
        {
            await using var db = OpenDb();
            await db.Articles.ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Approved));
        }

        var outDir = Path.Combine(directory, "out");
        (code, _, stderr) = await RunAsync("export", "--project", Project, "--format", "segmentation", "--out", outDir, "--status", status, "--split", split);
        Assert.True(code == 0, stderr);

        var records = Directory.GetFiles(outDir, "segmentation*.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .OrderBy(r => r.GetProperty("number").GetInt32())
            .ToList();
        Assert.Equal([1, 2, 3], records.Select(r => r.GetProperty("number").GetInt32()));
        Assert.Single(records.Select(r => r.GetProperty("split").GetString()).Distinct()); // one continued article: one split
        foreach (var record in records)
        {
            // Every block is on its own page: its lines exist there.
            var lineCount = record.GetProperty("lineCount").GetInt32();
            Assert.All(record.GetProperty("articles").EnumerateArray().SelectMany(a => a.GetProperty("blocks").EnumerateArray()),
                b => Assert.InRange(b.GetProperty("lastLine").GetInt32(), b.GetProperty("firstLine").GetInt32(), lineCount));
        }

        Assert.Equal(["Short𠀀news", "The long debate"], records[0].GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        Assert.Equal("The long debate\nThe council met. It talked.", records[0].GetProperty("articles")[1].GetProperty("text").GetString());
        var part2 = Assert.Single(records[1].GetProperty("articles").EnumerateArray());
        Assert.Equal("It talked😀on. And on. And on.", part2.GetProperty("text").GetString());
        Assert.Equal("Then it voted.", Assert.Single(records[2].GetProperty("articles").EnumerateArray()).GetProperty("text").GetString());

        // Each part names all three parts, in page order, itself among them.
        var continued = new[] { records[0].GetProperty("articles")[1], part2, records[2].GetProperty("articles")[0] };
        var ids = continued.Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.All(continued, a => Assert.Equal(ids, a.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("article").GetString())));
        Assert.False(records[0].GetProperty("articles")[0].TryGetProperty("parts", out _));
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
