using System.Text;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Pages;

/// <summary>The layout cues each reader passes through: font size, the format's region types, separators and pictures.</summary>
public class LayoutCueReaderTests
{
    private static SourcePage Read(string xml, string name = "page.xml") => PageReader.Read(name, Encoding.UTF8.GetBytes(xml));

    [Fact]
    public void Alto_FontSizeComesFromStringStylesElseLineElseBlock()
    {
        var page = Read(AltoReaderTests.Alto("http://www.loc.gov/standards/alto/ns-v3#", """
            <TextBlock ID="TB1" STYLEREFS="BODY">
              <TextLine ID="L1" HPOS="10" VPOS="20" WIDTH="500" HEIGHT="60"><String CONTENT="大字" STYLEREFS="PS1 BIG"/><String CONTENT="标题" STYLEREFS="BIG"/></TextLine>
              <TextLine ID="L2" HPOS="10" VPOS="90" WIDTH="500" HEIGHT="30" STYLEREFS="SMALL"><String CONTENT="Kicker"/></TextLine>
              <TextLine ID="L3" HPOS="10" VPOS="130" WIDTH="500" HEIGHT="30"><String CONTENT="Body"/></TextLine>
            </TextBlock>
            """).Replace("<Layout>", """<Styles><ParagraphStyle ID="PS1"/><TextStyle ID="BIG" FONTSIZE="24"/><TextStyle ID="BODY" FONTSIZE="9.5"/><TextStyle ID="SMALL" FONTSIZE="7"/></Styles><Layout>""", StringComparison.Ordinal));
        Assert.Equal([24.0, 7.0, 9.5], page.Lines.Select(l => l.FontSize));
    }

    [Fact]
    public void Alto_IllustrationsAndGraphicalElementsAreGraphicsAndHeadingTagsAreHeadlines()
    {
        var page = Read(AltoReaderTests.Alto("http://www.loc.gov/standards/alto/ns-v4#", """
            <TextBlock ID="TB1" TAGREFS="T1"><TextLine HPOS="0" VPOS="0" WIDTH="10" HEIGHT="10"><String CONTENT="Headline"/></TextLine></TextBlock>
            <Illustration ID="I1" HPOS="10" VPOS="20" WIDTH="300" HEIGHT="200"/>
            <GraphicalElement ID="G1" HPOS="0" VPOS="400" WIDTH="1000" HEIGHT="4"/>
            <TextBlock ID="TB2" TAGREFS="T2"><TextLine HPOS="0" VPOS="230" WIDTH="10" HEIGHT="10"><String CONTENT="Caption"/></TextLine></TextBlock>
            """).Replace("<Layout>", """<Tags><StructureTag ID="T1" LABEL="Headline"/><LayoutTag ID="T2" LABEL="caption"/></Tags><Layout>""", StringComparison.Ordinal));
        Assert.Equal([new PageGraphic(GraphicKind.Picture, new LineBox(10, 20, 300, 200)), new PageGraphic(GraphicKind.Separator, new LineBox(0, 400, 1000, 4))], page.Graphics);
        Assert.Equal(BlockRole.Headline, page.Line(1).RegionRole);
        Assert.Equal(BlockRole.Caption, page.Line(3).RegionRole);
    }

    [Fact]
    public void Hocr_LineXSizeElseWordFontSizeAndSeparatorsAndPhotos()
    {
        var page = Read("""
            <html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' title='bbox 0 0 2000 3000'>
              <div class='ocr_separator' title='bbox 0 500 2000 504'></div>
              <div class='ocr_photo' title='bbox 100 600 900 1000'></div>
              <div class='ocr_carea' id='b1'><p class='ocr_par' id='p1'>
                <span class='ocr_header' title='bbox 10 10 800 80; x_size 64; x_descenders 12'><span class='ocrx_word' title='bbox 10 10 80 80'>头条</span></span>
                <span class='ocr_line' title='bbox 10 100 800 130'><span class='ocrx_word' title='bbox 0 0 1 1; x_fsize 10'>正文</span><span class='ocrx_word' title='bbox 0 0 1 1; x_fsize 12'>内容</span><span class='ocrx_word' title='bbox 0 0 1 1; x_fsize 11'>在此</span></span>
              </p></div>
            </div></body></html>
            """, "page.hocr");
        Assert.Equal([64.0, 11.0], page.Lines.Select(l => l.FontSize));
        Assert.Equal([GraphicKind.Separator, GraphicKind.Picture], page.Graphics.Select(g => g.Kind));
        Assert.Equal(new LineBox(100, 600, 800, 400), page.Graphics[1].Box);
    }

    [Fact]
    public void PageXml_TextStyleFontSizeOfLineElseRegionAndSeparatorAndImageRegions()
    {
        var page = Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageWidth="1000" imageHeight="1000">
              <TextRegion id="r1" type="heading"><TextStyle fontSize="30"/>
                <TextLine id="l1"><Coords points="0,0 100,0 100,40 0,40"/><TextEquiv><Unicode>Big News</Unicode></TextEquiv></TextLine>
                <TextLine id="l2"><Coords points="0,50 100,50 100,60 0,60"/><TextStyle fontSize="12"/><TextEquiv><Unicode>small</Unicode></TextEquiv></TextLine>
              </TextRegion>
              <SeparatorRegion id="s1"><Coords points="0,70 1000,70 1000,73 0,73"/></SeparatorRegion>
              <ImageRegion id="i1"><Coords points="0,80 500,80 500,400 0,400"/></ImageRegion>
            </Page></PcGts>
            """);
        Assert.Equal([30.0, 12.0], page.Lines.Select(l => l.FontSize));
        Assert.Equal(BlockRole.Headline, page.Line(1).RegionRole);
        Assert.Equal([new PageGraphic(GraphicKind.Separator, new LineBox(0, 70, 1000, 3)), new PageGraphic(GraphicKind.Picture, new LineBox(0, 80, 500, 320))], page.Graphics);
    }
}
