using System.Text;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Pages;

public class MetsReaderTests
{
    private const string Ndnp = """
        <?xml version="1.0" encoding="UTF-8"?>
        <mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mods="http://www.loc.gov/mods/v3">
          <dmdSec ID="MODS_ART2"><mdWrap><xmlData><mods:mods><mods:titleInfo><mods:title>Market report</mods:title></mods:titleInfo></mods:mods></xmlData></mdWrap></dmdSec>
          <fileSec>
            <fileGrp ID="IMGGRP" USE="Images"><file ID="IMG0001"><FLocat xlink:href="file://./MASTER/00001.jp2"/></file></fileGrp>
            <fileGrp ID="ALTOGRP" USE="Text">
              <file ID="ALTO0002" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/00002.xml"/></file>
              <file ID="ALTO0001" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/00001.xml"/></file>
            </fileGrp>
          </fileSec>
          <structMap TYPE="PHYSICAL">
            <div TYPE="Newspaper">
              <div TYPE="page" ORDER="1"><fptr FILEID="IMG0001"/><fptr FILEID="ALTO0001"/></div>
              <div TYPE="page" ORDER="2"><fptr FILEID="ALTO0002"/></div>
            </div>
          </structMap>
          <structMap TYPE="LOGICAL">
            <div TYPE="Newspaper"><div TYPE="CONTENT">
              <div ID="ART1" TYPE="Article" LABEL="Great fire">
                <div TYPE="HEADING"><div TYPE="TITLE"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB1"/></fptr></div></div>
                <div TYPE="BODY"><div TYPE="BODY_CONTENT">
                  <div TYPE="PARAGRAPH" ORDER="1"><fptr><area BETYPE="IDREF" FILEID="ALTO0001" BEGIN="P1_TB2"/></fptr></div>
                  <div TYPE="PARAGRAPH" ORDER="2"><fptr><area BETYPE="IDREF" FILEID="ALTO0002" BEGIN="P2_TB1"/></fptr></div>
                </div></div>
              </div>
              <div ID="ART2" TYPE="ARTICLE" DMDID="MODS_ART2" LABEL="Mark...">
                <div TYPE="BODY"><fptr><area BETYPE="IDREF" FILEID="ALTO0002" BEGIN="P2_TB2"/></fptr></div>
              </div>
            </div></div>
          </structMap>
        </mets>
        """;

    private static SourcePage AltoPage(string name, params (string Id, string[] Lines)[] blocks) =>
        AltoReaderTests.Read(AltoReaderTests.Alto("http://www.loc.gov/standards/alto/ns-v2#", string.Concat(blocks.Select(b =>
            $"""<TextBlock ID="{b.Id}">{string.Concat(b.Lines.Select(l => $"""<TextLine><String CONTENT="{l}"/></TextLine>"""))}</TextBlock>"""))), name);

    [Fact]
    public void Read_NdnpArticlesPagesAndRoles()
    {
        var issue = MetsReader.Read("issue-METS.xml", Encoding.UTF8.GetBytes(Ndnp));
        Assert.Equal(["ALTO0001", "ALTO0002"], issue.Pages.Select(p => p.FileId));
        Assert.Equal([1, 2], issue.Pages.Select(p => p.Order));
        Assert.Equal("ALTO/00001.xml", issue.Pages[0].RelativePath);

        Assert.Equal(["ART1", "ART2"], issue.Articles.Select(a => a.Id));
        Assert.Equal("Great fire", issue.Articles[0].Title);
        Assert.Equal("Market report", issue.Articles[1].Title); // MODS title wins over the LABEL
        Assert.Equal(
            [new MetsArticlePart("ALTO0001", "P1_TB1", MetsPartRole.Heading), new MetsArticlePart("ALTO0001", "P1_TB2", MetsPartRole.Body), new MetsArticlePart("ALTO0002", "P2_TB1", MetsPartRole.Body)],
            issue.Articles[0].Parts);
    }

    [Fact]
    public void Segment_ArticleSpanningTwoPagesIsOneArticlePerPageWithTheSameId()
    {
        var issue = MetsReader.Read("issue-METS.xml", Encoding.UTF8.GetBytes(Ndnp));
        var pages = new Dictionary<string, SourcePage>
        {
            ["ALTO0001"] = AltoPage("00001.xml", ("P1_TB1", ["GREAT FIRE"]), ("P1_TB2", ["The city", "burned."]), ("P1_AD", ["Buy soap"])),
            ["ALTO0002"] = AltoPage("00002.xml", ("P2_TB1", ["Nobody died."]), ("P2_TB2", ["Wheat rose."])),
        };

        var segmentations = MetsReader.Segment(issue, pages);

        var first = segmentations["ALTO0001"].Articles;
        Assert.Equal(["ART1", null], first.Select(a => a.ExternalId));
        Assert.Equal("GREAT FIRE", first[0].Title); // heading lines on the page
        Assert.Equal([new SegmentBlock(BlockRole.Headline, 1, 1), new SegmentBlock(BlockRole.Body, 3, 4)], first[0].Blocks);
        Assert.Equal(1.0, first[0].Confidence);
        Assert.Equal([new SegmentBlock(BlockRole.Body, 6, 6)], first[1].Blocks); // the ad: in no METS article
        Assert.Equal(0.0, first[1].Confidence);

        var second = segmentations["ALTO0002"].Articles;
        Assert.Equal(["ART1", "ART2"], second.Select(a => a.ExternalId));
        Assert.Equal("Great fire", second[0].Title); // no heading on this page: the METS title
        Assert.Equal([new SegmentBlock(BlockRole.Body, 1, 1)], second[0].Blocks);
        Assert.Equal([new SegmentBlock(BlockRole.Body, 3, 3)], second[1].Blocks);
    }

    [Fact]
    public void Read_BritishLibraryStructLinks()
    {
        const string Bl = """
            <mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
              <mets:fileSec><mets:fileGrp USE="text">
                <mets:file ID="img0001-alto" MIMETYPE="text/xml"><mets:FLocat LOCTYPE="URL" xlink:href="0001_0001.xml"/></mets:file>
                <mets:file ID="img0002-alto" MIMETYPE="text/xml"><mets:FLocat LOCTYPE="URL" xlink:href="0001_0002.xml"/></mets:file>
              </mets:fileGrp></mets:fileSec>
              <mets:structMap TYPE="PHYSICAL"><mets:div ID="phys0" TYPE="physSequence">
                <mets:div ID="phys1" ORDER="1" TYPE="page"><mets:fptr FILEID="img0001-alto"/>
                  <mets:div ID="pa1" TYPE="pagearea" LABEL="Headline"><mets:fptr><mets:area FILEID="img0001-alto" BETYPE="IDREF" BEGIN="TB1"/></mets:fptr></mets:div>
                  <mets:div ID="pa2" TYPE="pagearea" LABEL="Textblock"><mets:fptr><mets:area FILEID="img0001-alto" BETYPE="IDREF" BEGIN="w10" END="w20"/></mets:fptr></mets:div>
                </mets:div>
                <mets:div ID="phys2" ORDER="2" TYPE="page"><mets:fptr FILEID="img0002-alto"/>
                  <mets:div ID="pa3" TYPE="pagearea" LABEL="Textblock"><mets:fptr><mets:area FILEID="img0002-alto" BETYPE="IDREF" BEGIN="TB9"/></mets:fptr></mets:div>
                </mets:div>
              </mets:div></mets:structMap>
              <mets:structMap TYPE="LOGICAL"><mets:div ID="log1" TYPE="issue">
                <mets:div ID="art0001" TYPE="ARTICLE" LABEL="Coal duties"/>
              </mets:div></mets:structMap>
              <mets:structLink>
                <mets:smLinkGrp>
                  <mets:smLocatorLink xlink:href="#log1" xlink:label="issue"/><mets:smLocatorLink xlink:href="#phys0" xlink:label="physSeq"/>
                </mets:smLinkGrp>
                <mets:smLinkGrp>
                  <mets:smLocatorLink xlink:href="#art0001" xlink:label="article"/>
                  <mets:smLocatorLink xlink:href="#pa1"/><mets:smLocatorLink xlink:href="#pa2"/><mets:smLocatorLink xlink:href="#pa3"/>
                </mets:smLinkGrp>
              </mets:structLink>
            </mets:mets>
            """;
        var issue = MetsReader.Read("bl_mets.xml", Encoding.UTF8.GetBytes(Bl));
        Assert.Equal(["img0001-alto", "img0002-alto"], issue.Pages.Select(p => p.FileId));
        var article = Assert.Single(issue.Articles);
        Assert.Equal("art0001", article.Id);
        Assert.Equal("Coal duties", article.Title);
        Assert.Equal(
            [new MetsArticlePart("img0001-alto", "TB1", MetsPartRole.Heading), new MetsArticlePart("img0001-alto", "w10", MetsPartRole.Body) { EndId = "w20" }, new MetsArticlePart("img0002-alto", "TB9", MetsPartRole.Body)],
            article.Parts);
    }

    [Fact]
    public void Segment_WordRangesResolveToWholeLinesWithAltoIds()
    {
        var xml = AltoReaderTests.Alto("http://www.loc.gov/standards/alto/ns-v2#", """
            <TextBlock ID="TB1"><TextLine ID="L1"><String ID="w1" CONTENT="COAL"/><String ID="w2" CONTENT="DUTIES."/></TextLine></TextBlock>
            <TextBlock ID="TB2">
              <TextLine ID="L2"><String ID="w3" CONTENT="The"/><String ID="w4" CONTENT="duty"/></TextLine>
              <TextLine ID="L3"><String ID="w5" CONTENT="is"/><String ID="w6" CONTENT="repealed."/></TextLine>
              <TextLine ID="L4"><String ID="w7" CONTENT="Next"/><String ID="w8" CONTENT="story"/></TextLine>
            </TextBlock>
            """);
        var alto = AltoReader.ReadWithIds("0001.xml", Encoding.UTF8.GetBytes(xml));
        Assert.Equal(3, alto.LineOfId["TB2"]);
        Assert.Equal(4, alto.LineOfId["w6"]);

        var issue = new MetsIssue(
            [new MetsPageRef("img0001-alto", "0001.xml", 1)],
            [new MetsArticle("art0001", "Coal duties", [new MetsArticlePart("img0001-alto", "w1", MetsPartRole.Heading) { EndId = "w2" }, new MetsArticlePart("img0001-alto", "w3", MetsPartRole.Body) { EndId = "w6" }])]);
        var articles = MetsReader.Segment(issue, new Dictionary<string, AltoPage> { ["img0001-alto"] = alto })["img0001-alto"].Articles;

        Assert.Equal("COAL DUTIES.", articles[0].Title);
        Assert.Equal([new SegmentBlock(BlockRole.Headline, 1, 1), new SegmentBlock(BlockRole.Body, 3, 4)], articles[0].Blocks);
        Assert.Equal([new SegmentBlock(BlockRole.Body, 5, 5)], articles[1].Blocks);
        Assert.Null(articles[1].ExternalId);
    }

    private static readonly string Europeana = RepoPaths.PageFixture("mets-europeana");

    private static MetsIssue ReadEuropeana() =>
        MetsReader.Read("issue-METS.xml", File.ReadAllBytes(Path.Combine(Europeana, "issue-METS.xml")));

    private static IReadOnlyDictionary<string, PageSegmentation> SegmentEuropeana(MetsIssue issue) =>
        MetsReader.Segment(issue, issue.Pages.ToDictionary(
            p => p.FileId,
            p => AltoReader.ReadWithIds(p.RelativePath, File.ReadAllBytes(Path.Combine(Europeana, p.RelativePath)))));

    [Fact]
    public void Read_EveryContentDivIsAnItemWithItsMetsType()
    {
        // Issue 15 case 8: advertisements, an illustration with a caption, a table and the title section are items, not leftovers.
        var issue = ReadEuropeana();

        Assert.Equal(
            [("DIVL4", "TITLE_SECTION"), ("DIVL10", "ARTICLE"), ("DIVL30", "ILLUSTRATION"), ("DIVL40", "TABLE"), ("DIVL103", "ADVERTISEMENT"), ("DIVL104", "ADVERTISEMENT")],
            issue.Articles.Select(a => (a.Id, a.Type)));
        Assert.Equal("全区经济稳中向好", issue.Articles[1].Title);
        Assert.Equal("Adv. 1 Page 1", issue.Articles[4].Title);
        Assert.True(issue.Articles[1].IsArticle);
        Assert.False(issue.Articles[4].IsArticle);
    }

    [Fact]
    public void Read_IssueTitleAndDateComeFromTheIssuesMods()
    {
        // Issue 15 case 9.
        var issue = ReadEuropeana();

        Assert.Equal("内蒙古日报", issue.Title);
        Assert.Equal(new DateOnly(2023, 7, 12), issue.Date);
    }

    [Theory]
    [InlineData("1824-02-17", 1824, 2, 17)]
    [InlineData("01.08.1821", 1821, 8, 1)]
    [InlineData("18451228", 1845, 12, 28)]
    public void ParseDate_ReadsTheFormsMetsFilesUse(string value, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), MetsReader.ParseDate(value));

    [Fact]
    public void Segment_AreasNamingComposedBlocksGetAllTheirLines()
    {
        // Issue 15 case 7: the article's table and the advertisements are ComposedBlocks; their lines belong to their items.
        var issue = ReadEuropeana();
        var pages = SegmentEuropeana(issue);

        string[] Lines(string fileId, string? id) =>
        [
            .. pages[fileId].Articles.Single(a => a.ExternalId == id).Blocks
                .SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1))
                .Select(n => pages[fileId].Page.Line(n).Text).Where(t => t.Length > 0),
        ];

        Assert.Equal(["全区经济稳中向好", "本报讯上半年全区生产总值增长。", "主要指标如下表。", "工业增长6.1%", "农业增长4.2%"], Lines("ALTO00001", "DIVL10"));
        Assert.Equal(["诚聘记者", "电话12345678"], Lines("ALTO00001", "DIVL103"));
        Assert.Equal(["1"], Lines("ALTO00001", null)); // only the page number is left over
        Assert.Equal(["气温28℃"], Lines("ALTO00002", "DIVL40"));
        Assert.Equal(["图为呼和浩特新区"], Lines("ALTO00002", "DIVL30"));
        Assert.DoesNotContain(pages["ALTO00002"].Articles, a => a.ExternalId is null);
    }
}
