using System.Text;
using Workbench.Core.Pages;

namespace Workbench.Core.Tests.Pages;

/// <summary>What the readers tell about the page image: the size the boxes were measured on, and the image file the OCR names.</summary>
public class PageImageInfoTests
{
    [Fact]
    public void Alto_PageSizeIsScaledLikeTheBoxes_AndTheSourceImageIsNamed()
    {
        var page = AltoReader.Read("a.xml", Utf8("""
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
              <Description><MeasurementUnit>mm10</MeasurementUnit><sourceImageInformation><fileName>scans/0001.tif</fileName></sourceImageInformation></Description>
              <Layout><Page ID="P1" WIDTH="2540" HEIGHT="3810"><PrintSpace><TextBlock ID="B1">
                <TextLine HPOS="254" VPOS="508" WIDTH="1270" HEIGHT="127"><String CONTENT="報道"/></TextLine>
              </TextBlock></PrintSpace></Page></Layout>
            </alto>
            """));

        Assert.Equal((3000, 4500), (page.Width, page.Height));
        Assert.Equal(new LineBox(300, 600, 1500, 150), page.Line(1).Box);
        Assert.Equal("scans/0001.tif", page.ImageReference);
    }

    [Fact]
    public void PageXml_ImageSizeAndFileName()
    {
        var page = PageXmlReader.Read("p.xml", Utf8("""
            <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
              <Page imageFilename="p0001.jpg" imageWidth="1800" imageHeight="2400">
                <TextRegion id="r1"><TextLine id="l1"><Coords points="10,20 110,20 110,50 10,50"/><TextEquiv><Unicode>一行</Unicode></TextEquiv></TextLine></TextRegion>
              </Page>
            </PcGts>
            """));

        Assert.Equal((1800, 2400, "p0001.jpg"), (page.Width, page.Height, page.ImageReference));
        Assert.Equal(new LineBox(10, 20, 100, 30), page.Line(1).Box);
    }

    [Fact]
    public void Hocr_PageBboxAndImage()
    {
        var page = HocrReader.Read("t.hocr", Utf8("""
            <html xmlns="http://www.w3.org/1999/xhtml"><body>
              <div class="ocr_page" title='image "/tmp/run/scan 1.png"; bbox 0 0 1240 1754; ppageno 0'>
                <span class="ocr_line" title="bbox 100 200 600 240">Hello world</span>
              </div>
            </body></html>
            """));

        Assert.Equal((1240, 1754, "/tmp/run/scan 1.png"), (page.Width, page.Height, page.ImageReference));
    }

    [Fact]
    public void WithoutSizeOrImage_BothStayUnknown()
    {
        var page = PageXmlReader.Read("p.xml", Utf8("""
            <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageWidth="0">
              <TextRegion id="r1"><TextEquiv><Unicode>只有文字</Unicode></TextEquiv></TextRegion>
            </Page></PcGts>
            """));

        Assert.Equal((null, null, null), (page.Width, page.Height, page.ImageReference));
    }

    [Fact]
    public void Mets_EachAltoPageGetsTheImageOfItsPhysicalPage_PreferringAFormatBrowsersShow()
    {
        var issue = MetsReader.Read("mets.xml", Utf8("""
            <mets xmlns="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink">
              <fileSec>
                <fileGrp USE="master"><file ID="M1"><FLocat xlink:href="file://./MASTER/0001.jp2"/></file></fileGrp>
                <fileGrp USE="Images"><file ID="J1" MIMETYPE="image/jpeg"><FLocat xlink:href="file://./JPG/0001.jpg"/></file></fileGrp>
                <fileGrp USE="Text">
                  <file ID="A1" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/0001.xml"/></file>
                  <file ID="A2" MIMETYPE="text/xml"><FLocat xlink:href="file://./ALTO/0002.xml"/></file>
                </fileGrp>
              </fileSec>
              <structMap TYPE="PHYSICAL"><div TYPE="Newspaper">
                <div TYPE="page"><fptr FILEID="M1"/><fptr FILEID="J1"/><fptr FILEID="A1"/></div>
                <div TYPE="page"><fptr FILEID="A2"/></div>
              </div></structMap>
            </mets>
            """));

        Assert.Equal(["A1", "A2"], issue.Pages.Select(p => p.FileId));
        Assert.Equal("JPG/0001.jpg", issue.Pages[0].ImageRelativePath);
        Assert.Null(issue.Pages[1].ImageHref);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
