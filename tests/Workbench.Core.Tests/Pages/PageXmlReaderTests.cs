using System.Text;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Pages;

public class PageXmlReaderTests
{
    private static SourcePage Read(string page, string ns = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15") =>
        PageReader.Read("page.xml", Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <PcGts xmlns="{ns}"><Metadata/><Page imageFilename="p.jpg" imageWidth="1000" imageHeight="1000">{page}</Page></PcGts>
            """));

    private static string Region(string id, string text, string type = "paragraph") =>
        $"""<TextRegion id="{id}" type="{type}"><Coords points="0,0 10,0 10,10 0,10"/><TextLine id="{id}_l"><Coords points="5,7 105,7 105,37 5,37"/><TextEquiv><Unicode>{text}</Unicode></TextEquiv></TextLine></TextRegion>""";

    [Fact]
    public void Read_NestedReadingOrderGroupsSortedByIndexWithGaps()
    {
        var page = Read($"""
            <ReadingOrder><OrderedGroup id="g0">
              <RegionRefIndexed index="7" regionRef="r4"/>
              <UnorderedGroupIndexed id="g1" index="2">
                <RegionRef regionRef="r3"/>
                <OrderedGroup id="g2"><RegionRefIndexed index="5" regionRef="r2"/><RegionRefIndexed index="1" regionRef="r5"/></OrderedGroup>
              </UnorderedGroupIndexed>
              <RegionRefIndexed index="0" regionRef="r1"/>
            </OrderedGroup></ReadingOrder>
            {Region("r1", "one")}{Region("r2", "two")}{Region("r3", "three")}{Region("r4", "four")}{Region("r5", "five")}{Region("r6", "unlisted")}
            """);
        Assert.Equal(["one", "three", "five", "two", "four", "unlisted"], page.Lines.Where(l => !l.IsBlank).Select(l => l.Text));
        Assert.Equal(SourceFormat.PageXml, page.Format);
        Assert.Equal(new LineBox(5, 7, 100, 30), page.Line(1).Box);
    }

    [Fact]
    public void Read_WithoutReadingOrder_DocumentOrderAndOneBlankBetweenRegions()
    {
        var page = Read(Region("b", "second") + Region("a", "first"), "http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15");
        Assert.Equal(["second", "", "first"], page.Lines.Select(l => l.Text));
        Assert.Equal(["b", null, "a"], page.Lines.Select(l => l.RegionId));
    }

    [Fact]
    public void Read_RegionLevelTextOnlyIsSplitIntoLines()
    {
        var page = Read("<TextRegion id=\"r0\" type=\"paragraph\"><Coords points=\"0,0 1,1\"/><TextEquiv><Unicode>There is a plethora\nof formats\r\nbut none</Unicode></TextEquiv></TextRegion>");
        Assert.Equal(["There is a plethora", "of formats", "but none"], page.Lines.Select(l => l.Text));
        Assert.All(page.Lines, l => Assert.Equal("r0", l.RegionId));
    }

    [Fact]
    public void Read_RegionTypesBecomeRoles()
    {
        var page = Read(Region("h", "FIRE", "heading") + Region("p", "text") + Region("c", "A photo", "caption") + Region("k", "Photo: X", "credit")
            + Region("n", "3", "page-number") + Region("x", "?", "drop-capital"));
        Assert.Equal([BlockRole.Headline, BlockRole.Body, BlockRole.Caption, BlockRole.Credit, BlockRole.Other, null],
            page.Lines.Where(l => !l.IsBlank).Select(l => l.RegionRole));
    }

    [Fact]
    public void Read_LineWordsAreJoinedWhenTheLineHasNoText()
    {
        var page = Read("""<TextRegion id="r"><TextLine id="l"><Word id="w1"><TextEquiv><Unicode>Ver-</Unicode></TextEquiv></Word><Word id="w2"><TextEquiv><Unicode>miſchtes.</Unicode></TextEquiv></Word></TextLine></TextRegion>""");
        Assert.Equal("Ver- miſchtes.", page.Line(1).Text);
    }

    [Fact]
    public void TranskribusStructure_GroupsLinesIntoArticles_LinesWithoutTextKept()
    {
        var page = Read("""
            <TextRegion id="r1" custom="readingOrder {index:0;}">
              <TextLine id="l1" custom="readingOrder {index:1;} structure {id:a2; type:article;}"><Baseline points="10,50 200,52"/></TextLine>
              <TextLine id="l0" custom="readingOrder {index:0;} structure {id:a1; type:article;}"><Baseline points="10,20 200,22"/></TextLine>
              <TextLine id="l2" custom="readingOrder {index:2;} structure {id:a2; type:article;}"><Baseline points="10,80 200,82"/></TextLine>
              <TextLine id="l3" custom="readingOrder {index:3;}"><Baseline points="10,110 200,112"/></TextLine>
            </TextRegion>
            <TextRegion id="r2"><TextLine id="l4" custom="structure {type:article; id:a1;}"><TextEquiv><Unicode>tail</Unicode></TextEquiv></TextLine></TextRegion>
            """);
        Assert.Equal(["a1", "a2", "a2", null, null, "a1"], page.Lines.Select(l => l.ArticleHint));
        Assert.Equal(["", "", "", "", "", "tail"], page.Lines.Select(l => l.Text));
        Assert.Equal(new LineBox(10, 20, 190, 2), page.Line(1).Box); // baseline when there are no Coords

        var segmentation = PageXmlReader.Segment(page);
        Assert.Equal(["a1", "a2", null], segmentation.Articles.Select(a => a.ExternalId));
        Assert.Equal([new SegmentBlock(BlockRole.Body, 1, 1), new SegmentBlock(BlockRole.Body, 6, 6)], segmentation.Articles[0].Blocks);
        Assert.Equal([new SegmentBlock(BlockRole.Body, 2, 3)], segmentation.Articles[1].Blocks);
        Assert.Equal([new SegmentBlock(BlockRole.Body, 4, 4)], segmentation.Articles[2].Blocks);
        Assert.Equal(0.0, segmentation.Articles[2].Confidence);
    }
}
