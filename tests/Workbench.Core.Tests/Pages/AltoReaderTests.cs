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
}
