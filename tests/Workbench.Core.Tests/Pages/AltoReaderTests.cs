using System.Text;
using Workbench.Core.Pages;

namespace Workbench.Core.Tests.Pages;

public class AltoReaderTests
{
    internal static SourcePage Read(string xml, string name = "page.xml") => PageReader.Read(name, Encoding.UTF8.GetBytes(xml));

    internal static string Alto(string ns, string layout, string unit = "pixel", string description = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="{ns}">
          <Description><MeasurementUnit>{unit}</MeasurementUnit>{description}</Description>
          <Layout><Page ID="P1" WIDTH="2000" HEIGHT="3000"><PrintSpace>{layout}</PrintSpace></Page></Layout>
        </alto>
        """;

    private const string TwoBlocks = """
        <TextBlock ID="TB1" HPOS="10" VPOS="20" WIDTH="500" HEIGHT="100">
          <TextLine ID="L1" HPOS="10" VPOS="20" WIDTH="500" HEIGHT="40"><String CONTENT="Great"/><SP/><String CONTENT="Fire"/></TextLine>
        </TextBlock>
        <TextBlock ID="TB2">
          <TextLine ID="L2" HPOS="10" VPOS="130" WIDTH="480" HEIGHT="30"><String CONTENT="The"/><String CONTENT="city"/><SP/><String CONTENT="burned."/></TextLine>
          <TextLine ID="L3"><String CONTENT="Nobody"/><SP/><String CONTENT="died."/></TextLine>
        </TextBlock>
        """;

    [Theory]
    [InlineData("http://www.loc.gov/standards/alto/ns-v2#")]
    [InlineData("http://www.loc.gov/standards/alto/ns-v4#")]
    [InlineData("http://schema.ccs-gmbh.com/ALTO")]
    public void Read_AnyAltoNamespace_LinesInDocumentOrderWithOneBlankBetweenBlocks(string ns)
    {
        var page = Read(Alto(ns, TwoBlocks));
        Assert.Equal(SourceFormat.Alto, page.Format);
        Assert.Equal(["Great Fire", "", "The city burned.", "Nobody died."], page.Lines.Select(l => l.Text));
        Assert.Equal([1, 2, 3, 4], page.Lines.Select(l => l.Number));
        Assert.Equal(["TB1", null, "TB2", "TB2"], page.Lines.Select(l => l.RegionId));
        Assert.Equal(new LineBox(10, 20, 500, 40), page.Line(1).Box);
        Assert.Null(page.Line(4).Box);
    }

    [Fact]
    public void Read_HyphenationKeepsThePrintedTextAndStoresTheFullWord()
    {
        var page = Read(Alto("http://www.loc.gov/standards/alto/ns-v3#", """
            <TextBlock ID="TB1">
              <TextLine><String CONTENT="the"/><SP/><String CONTENT="Zei" SUBS_TYPE="HypPart1" SUBS_CONTENT="Zeitung"/><HYP CONTENT="-"/></TextLine>
              <TextLine><String CONTENT="tung" SUBS_TYPE="HypPart2" SUBS_CONTENT="Zeitung"/><SP/><String CONTENT="says"/></TextLine>
              <TextLine><String CONTENT="plain"/><HYP/></TextLine>
            </TextBlock>
            """));
        Assert.Equal(["the Zei-", "tung says", "plain-"], page.Lines.Select(l => l.Text));
        Assert.Equal(["Zeitung", "Zeitung", null], page.Lines.Select(l => l.HyphenatedWord));
    }

    [Fact]
    public void Read_ComposedBlocksAreReadThroughAtAnyDepth()
    {
        var page = Read(Alto("http://www.loc.gov/standards/alto/ns-v4#", """
            <ComposedBlock ID="CB1">
              <TextBlock ID="A"><TextLine><String CONTENT="one"/></TextLine></TextBlock>
              <ComposedBlock ID="CB2"><TextBlock ID="B"><TextLine><String CONTENT="two"/></TextLine></TextBlock></ComposedBlock>
            </ComposedBlock>
            <TextBlock ID="C"><TextLine><String CONTENT="three"/></TextLine></TextBlock>
            """));
        Assert.Equal(["one", "", "two", "", "three"], page.Lines.Select(l => l.Text));
        Assert.Equal("B", page.Line(3).RegionId);
    }

    [Fact]
    public void Read_FollowsIdNextChains_LeftoverBlocksInDocumentOrder()
    {
        var page = Read(Alto("http://www.loc.gov/standards/alto/ns-v2#", """
            <TextBlock ID="A" IDNEXT="C"><TextLine><String CONTENT="a"/></TextLine></TextBlock>
            <TextBlock ID="B"><TextLine><String CONTENT="b"/></TextLine></TextBlock>
            <TextBlock ID="C" IDNEXT="D"><TextLine><String CONTENT="c"/></TextLine></TextBlock>
            <TextBlock ID="D"><TextLine><String CONTENT="d"/></TextLine></TextBlock>
            <TextBlock ID="E" IDNEXT="E"><TextLine><String CONTENT="e"/></TextLine></TextBlock>
            """));
        Assert.Equal(["a", "c", "d", "b", "e"], page.Lines.Where(l => !l.IsBlank).Select(l => l.Text));
    }

    [Fact]
    public void Read_Mm10AndInch1200AreScaledToPixels()
    {
        const string Block = """<TextBlock ID="A"><TextLine HPOS="254" VPOS="508" WIDTH="2540" HEIGHT="127"><String CONTENT="x"/></TextLine></TextBlock>""";
        var mm10 = Read(Alto("http://www.loc.gov/standards/alto/ns-v2#", Block, "mm10"));
        Assert.Equal(new LineBox(300, 600, 3000, 150), mm10.Line(1).Box); // 300 dpi assumed: 254 mm10 = 1 inch = 300 px

        var at600 = Read(Alto("http://www.loc.gov/standards/alto/ns-v2#", Block, "mm10", "<sourceImageInformation><xResolution>600</xResolution></sourceImageInformation>"));
        Assert.Equal(new LineBox(600, 1200, 6000, 300), at600.Line(1).Box);

        var inch = Read(Alto("http://www.loc.gov/standards/alto/ns-v2#", """<TextBlock ID="A"><TextLine HPOS="1200" VPOS="2400" WIDTH="600" HEIGHT="120"><String CONTENT="x"/></TextLine></TextBlock>""", "inch1200"));
        Assert.Equal(new LineBox(300, 600, 150, 30), inch.Line(1).Box);
    }

    [Fact]
    public void Read_AltoWithoutLinesIsRefused()
    {
        var e = Assert.Throws<PageRejectedException>(() => Read(Alto("http://www.loc.gov/standards/alto/ns-v4#", "")));
        Assert.Contains("no text lines", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FormatOverrideReadsAltoWhateverTheName()
    {
        var xml = Alto("http://www.loc.gov/standards/alto/ns-v4#", TwoBlocks);
        var page = PageReader.Read("scan.dat", Encoding.UTF8.GetBytes(xml), PageReader.ParseFormat("alto"));
        Assert.Equal(SourceFormat.Alto, page.Format);
        Assert.Equal("Great Fire", page.Line(1).Text);
    }

    [Fact]
    public void Read_TesseractChiSimAlto_LeavesOutTheSpBetweenCjkWords_AndKeepsTheFilesSpacingAside()
    {
        // Issue 15 case 2: `tesseract zh1.png out -l chi_sim alto` writes an SP between every two Strings.
        var page = PageReader.Read("zh.alto", File.ReadAllBytes(RepoPaths.PageFixture("tesseract-chi_sim.alto")));

        var line = page.Lines.Single(l => !l.IsBlank);
        Assert.Equal(SourceFormat.Alto, page.Format);
        Assert.Equal("李资政星期一(4月14日)在北京会见代表团。", line.Text);
        Assert.Equal("李 资 政 星 期 一 (4 月 14 日 ) 在 北京 会 见 代 表 团 。", line.RawText);
    }

    [Fact]
    public void Read_HangulKeepsItsSpaces_KanaJoins_AndHyphenationStaysAsPrinted()
    {
        var page = Read(Alto("http://www.loc.gov/standards/alto/ns-v4#", """
            <TextBlock ID="A">
              <TextLine><String CONTENT="한국어"/><SP/><String CONTENT="문장은"/><SP/><String CONTENT="띄어"/></TextLine>
              <TextLine><String CONTENT="ひらがな"/><SP/><String CONTENT="と"/><SP/><String CONTENT="カタカナ"/><SP/><String CONTENT="。"/></TextLine>
              <TextLine><String CONTENT="Zei" SUBS_TYPE="HypPart1" SUBS_CONTENT="Zeitung"/><HYP CONTENT="-"/></TextLine>
            </TextBlock>
            """));

        Assert.Equal(["한국어 문장은 띄어", "ひらがなとカタカナ。", "Zei-"], page.Lines.Select(l => l.Text));
        Assert.Equal([null, "ひらがな と カタカナ 。", null], page.Lines.Select(l => l.RawText));
    }

    [Fact]
    public void Read_Alto4ReadingOrder_DecidesTheOrderOfLines()
    {
        // Issue 15 case 10, in the shape eScriptorium/kraken export: ElementRefs to lines, to Strings (their line) and to blocks
        // (a marginal note inserted into the main text); a second, unordered group repeats lines and is not read again.
        var page = Read(Alto("http://www.loc.gov/standards/alto/ns-v4#", """
            <TextBlock ID="main">
              <TextLine ID="l1"><String ID="s1" CONTENT="first"/></TextLine>
              <TextLine ID="l2"><String ID="s2" CONTENT="second"/></TextLine>
              <TextLine ID="l3"><String ID="s3" CONTENT="third"/></TextLine>
            </TextBlock>
            <TextBlock ID="margin"><TextLine ID="m1"><String CONTENT="note"/></TextLine></TextBlock>
            <TextBlock ID="footer"><TextLine ID="f1"><String CONTENT="unlisted"/></TextLine></TextBlock>
            """).Replace("<Layout>", """
            <ReadingOrder><UnorderedGroup ID="ug0">
              <OrderedGroup ID="og0">
                <ElementRef ID="o1" REF="l1"/><ElementRef ID="o2" REF="s2"/><ElementRef ID="o3" REF="margin"/><ElementRef ID="o4" REF="l3"/>
              </OrderedGroup>
              <UnorderedGroup ID="ug1"><ElementRef ID="u1" REF="l3"/><ElementRef ID="u2" REF="l1"/></UnorderedGroup>
            </UnorderedGroup></ReadingOrder>
            <Layout>
            """));

        Assert.Equal(["first", "second", "", "note", "", "third", "", "unlisted"], page.Lines.Select(l => l.Text));
        Assert.Equal(["main", "main", null, "margin", null, "main", null, "footer"], page.Lines.Select(l => l.RegionId));
    }

    [Fact]
    public void ReadWithIds_MapsComposedBlocksToAllTheirLines()
    {
        var alto = AltoReader.ReadWithIds("p.xml", Encoding.UTF8.GetBytes(Alto("http://www.loc.gov/standards/alto/ns-v2#", """
            <TextBlock ID="TB1"><TextLine><String CONTENT="Before"/></TextLine></TextBlock>
            <ComposedBlock ID="CB1" TYPE="Advertisement">
              <TextBlock ID="TB2"><TextLine><String CONTENT="Soap"/></TextLine></TextBlock>
              <ComposedBlock ID="CB2"><TextBlock ID="TB3"><TextLine><String CONTENT="cheap"/></TextLine><TextLine><String CONTENT="here"/></TextLine></TextBlock></ComposedBlock>
            </ComposedBlock>
            """)));

        Assert.Equal([3, 5, 6], alto.LinesOfBlock["CB1"]);
        Assert.Equal([5, 6], alto.LinesOfBlock["CB2"]);
        Assert.Equal([1], alto.LinesOfBlock["TB1"]);
    }
}
