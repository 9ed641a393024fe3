using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Editing;
using Workbench.Core.Export;
using Workbench.Web.Data;
using Workbench.Web.Export;
using Workbench.Web.Import;
using Workbench.Web.Tests.Support;

namespace Workbench.Web.Tests.Continuation;

/// <summary>Articles continued on other pages: METS articles over pages and 上接/下转 markers become links, shown and exported joined.</summary>
public sealed class ContinuedArticleTests(WorkbenchFactory factory) : IClassFixture<WorkbenchFactory>
{
    private const string Mets = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
          <fileSec><fileGrp USE="Text">
            <file ID="ALTO0001" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/00001.xml"/></file>
            <file ID="ALTO0002" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/00002.xml"/></file>
          </fileGrp></fileSec>
          <structMap TYPE="PHYSICAL"><div TYPE="Newspaper">
            <div TYPE="page" ORDER="1"><fptr FILEID="ALTO0001"/></div>
            <div TYPE="page" ORDER="2"><fptr FILEID="ALTO0002"/></div>
          </div></structMap>
          <structMap TYPE="LOGICAL"><div TYPE="Newspaper">
            <div ID="ART1" TYPE="Article" LABEL="Great fire">
              <div TYPE="HEADING"><div TYPE="TITLE"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB1"/></fptr></div></div>
              <div TYPE="BODY">
                <div TYPE="PARAGRAPH" ORDER="1"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB2"/></fptr></div>
                <div TYPE="PARAGRAPH" ORDER="2"><fptr><area BETYPE="IDREF" FILEID="ALTO0002" BEGIN="P2_TB1"/></fptr></div>
              </div>
            </div>
            <div ID="ART2" TYPE="Article" LABEL="Market">
              <div TYPE="BODY"><fptr><area BETYPE="IDREF" FILEID="ALTO0002" BEGIN="P2_TB2"/></fptr></div>
            </div>
          </div></structMap>
        </mets>
        """;

    /// <summary>Deletes a test's temporary folder when the test ends, passed or not.</summary>
    private sealed class FolderCleanup(DirectoryInfo folder) : IDisposable
    {
        public void Dispose() => folder.Delete(recursive: true);
    }

    private static string Alto(string blocks) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="http://www.loc.gov/standards/alto/ns-v2#">
          <Layout><Page ID="P" WIDTH="2000" HEIGHT="3000"><PrintSpace>{blocks}</PrintSpace></Page></Layout>
        </alto>
        """;

    private static string Block(string id, params string[] lines) =>
        $"""<TextBlock ID="{id}">{string.Concat(lines.Select((l, i) => $"""<TextLine ID="{id}_L{i}"><String CONTENT="{l}"/></TextLine>"""))}</TextBlock>""";

    [Fact]
    public async Task MetsIssue_KeepsArticleIdsAndLinksTheArticleOverPages()
    {
        var folder = Directory.CreateTempSubdirectory("wb-mets-");
        using var cleanup = new FolderCleanup(folder);
        Directory.CreateDirectory(Path.Combine(folder.FullName, "ALTO"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "issue-METS.xml"), Mets);
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "ALTO", "00001.xml"), Alto(Block("P1_TB1", "Great𠀀fire") + Block("P1_TB2", "The city burned.", "Crowds came.")));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "ALTO", "00002.xml"), Alto(Block("P2_TB1", "Nobody😀died.") + Block("P2_TB2", "Corn rose.")));
        var projectId = await factory.DemoProjectIdAsync();

        var outcomes = await factory.WithImporterAsync(importer => importer.ImportMetsIssueAsync(projectId, Path.Combine(folder.FullName, "issue-METS.xml")));

        Assert.All(outcomes, o => Assert.Equal(ImportStatus.Imported, o.Status));
        var (page1, page2) = (outcomes[0].PageId!.Value, outcomes[1].PageId!.Value);
        var rows = await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == page1 || a.PageId == page2).OrderBy(a => a.PageId).ThenBy(a => a.Ordinal).Select(a => new { a.PageId, a.Key, a.ExternalId }).ToListAsync());
        Assert.Equal([(page1, "ART1"), (page2, "ART1"), (page2, "ART2")], rows.Select(r => (r.PageId, r.ExternalId!)));
        var pages = await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == page1 || p.Id == page2).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal([1, 2], pages.Select(p => p.PageNumber!.Value));
        Assert.All(pages, p => Assert.Equal(SegmentationSource.Mets, p.Segmentation));

        var client = await factory.LoginAsync("annotator");
        var state1 = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{page1}/state");
        var state2 = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{page2}/state");
        Assert.Equal("mets", state1.GetProperty("segmentation").GetString());
        var on = Assert.Single(state1.GetProperty("continuations").EnumerateArray());
        Assert.Equal(("on", page2, 2, "mets"), (on.GetProperty("direction").GetString(), on.GetProperty("otherPageId").GetInt32(), on.GetProperty("otherPageNumber").GetInt32(), on.GetProperty("source").GetString()));
        var from = Assert.Single(state2.GetProperty("continuations").EnumerateArray());
        Assert.Equal(("from", page1, 1), (from.GetProperty("direction").GetString(), from.GetProperty("otherPageId").GetInt32(), from.GetProperty("otherArticleKey").GetInt32()));

        // Exported once, joined, with both parts' ranges; the second page's other article stays alone.
        var articles = await factory.WithDbAsync(db => Task.FromResult(ProjectExport.Articles(db, projectId, ProjectExport.StatusAll).Where(a => a.Page.Source.StartsWith(folder.Name, StringComparison.Ordinal)).ToList()));
        Assert.Equal(2, articles.Count);
        var joined = articles[0];
        Assert.Equal(2, joined.Parts.Count);
        Assert.Contains("Great𠀀fire", joined.Text, StringComparison.Ordinal);
        Assert.EndsWith("\nNobody😀died.", joined.Text, StringComparison.Ordinal);
        Assert.Equal(joined.Parts[0].End + 1, joined.Parts[1].Start);
        Assert.Equal(Core.Text.CodePoints.Count(joined.Text), joined.Parts[1].End);
        Assert.Empty(articles[1].Parts);

        // The segmentation export splits by page: pages joined by a continued article share one split.
        Assert.Equal(articles[0].PageGroup, articles[1].PageGroup);
        var files = new Dictionary<string, MemoryStream>();
        Exporter.Run(articles, new ExportOptions(ExportFormats.Segmentation) { Split = SplitRatios.Parse("34/33/33"), Seed = "7" }, name => files[name] = new MemoryStream());
        var written = files.Where(f => f.Key.StartsWith("segmentation.", StringComparison.Ordinal) && f.Value.ToArray().Length > 0).ToList();
        var record = Assert.Single(written);
        Assert.Equal(2, Encoding.UTF8.GetString(record.Value.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Markers_LinkPagesImportedInEitherOrder(bool laterPageFirst)
    {
        var paper = laterPageFirst ? "晚报" : "早报";
        var page1Text = $"{paper}头条新闻标题\r\n本报讯 市民𠀀今天说，工程进展顺利。\r\n（下转第2版）\r\n";
        var page2Text = $"■上接第1版\r\n{paper}工程😀预计明年完工。\r\n";
        var projectId = await factory.DemoProjectIdAsync();
        var files = new[] { ($"{paper}_2024-01-02_p01.txt", page1Text), ($"{paper}_2024-01-02_p02.txt", page2Text) };
        if (laterPageFirst)
        {
            files = [files[1], files[0]];
        }

        var ids = new Dictionary<string, int>();
        foreach (var (name, text) in files)
        {
            var outcome = await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, name, Encoding.UTF8.GetBytes(text)));
            Assert.Equal(ImportStatus.Imported, outcome.Status);
            ids[name[^7..]] = outcome.PageId!.Value;
        }

        var link = await factory.WithDbAsync(db => db.ArticleLinks.SingleAsync(l => l.FromPageId == ids["p01.txt"]));
        Assert.Equal((ids["p02.txt"], LinkSource.Marker), (link.ToPageId, link.Source));

        // Only one part approved: the joined article is held back and counted.
        await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == ids["p01.txt"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Approved)));
        var counters = new ExportCounters();
        var approved = await factory.WithDbAsync(db => Task.FromResult(ProjectExport.Articles(db, projectId, ProjectExport.StatusApproved, counters).Where(a => a.Page.Source.StartsWith(paper, StringComparison.Ordinal)).ToList()));
        Assert.Empty(approved);
        Assert.Equal(1, counters.HeldBack);

        await factory.WithDbAsync(db => db.Articles.Where(a => a.PageId == ids["p02.txt"]).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Approved)));
        var joined = Assert.Single(await factory.WithDbAsync(db => Task.FromResult(ProjectExport.Articles(db, projectId).Where(a => a.Page.Source.StartsWith(paper, StringComparison.Ordinal)).ToList())));
        Assert.Equal([1, 2], joined.Parts.Select(p => p.Page.Number!.Value));
        Assert.Contains("（下转第2版）\n■上接第1版", joined.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MergingALinkedArticleAway_LeavesNoLinkToAWrongArticle()
    {
        var projectId = await factory.DemoProjectIdAsync();
        var page1 = (await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, "合并报_2024-03-04_p01.txt",
            Encoding.UTF8.GetBytes("第一篇标题很长很长\n本报讯 第一篇正文在这里结束。\n\n第二篇标题很长很长\n本报讯 第二篇正文。\n（下转第2版）\n")))).PageId!.Value;
        var page2 = (await factory.WithImporterAsync(importer => importer.ImportAsync(projectId, "合并报_2024-03-04_p02.txt",
            Encoding.UTF8.GetBytes("■上接第1版\n第二篇正文续完。\n")))).PageId!.Value;
        var link = await factory.WithDbAsync(db => db.ArticleLinks.SingleAsync(l => l.FromPageId == page1));
        var keys = await factory.ArticleKeysAsync(page1);
        Assert.True(keys.Count >= 2, "the fixture needs two articles on page 1");

        // Remove the linked article: the link resolves to nothing, on both pages and in the export.
        var client = await factory.LoginAsync("admin");
        var version = await factory.WithDbAsync(db => db.Pages.Where(p => p.Id == page1).Select(p => p.Version).SingleAsync());
        var response = await client.PostAsJsonAsync($"/api/pages/{page1}/operations", new { seenVersion = version, operation = new { kind = "mergeArticles", articleKey = link.FromArticleKey, intoArticleKey = keys.First(k => k != link.FromArticleKey) } });
        response.EnsureSuccessStatusCode();

        var state1 = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{page1}/state");
        var state2 = await client.GetFromJsonAsync<JsonElement>($"/api/pages/{page2}/state");
        Assert.Empty(state1.GetProperty("continuations").EnumerateArray());
        Assert.Empty(state2.GetProperty("continuations").EnumerateArray());
        var exported = await factory.WithDbAsync(db => Task.FromResult(ProjectExport.Articles(db, projectId, ProjectExport.StatusAll).Where(a => a.Page.Source.StartsWith("合并报", StringComparison.Ordinal)).ToList()));
        Assert.All(exported, a => Assert.Empty(a.Parts));
    }
}
