using System.Text;
using Workbench.Core.Pages;

namespace Workbench.Core.Tests.Pages;

/// <summary>Each layout reader keeps the file's own line ID, so gold data keyed by it survives changes in line numbering.</summary>
public class LineIdTests
{
    private static SourcePage Read(string name, string content) => PageReader.Read(name, Encoding.UTF8.GetBytes(content));

    [Fact]
    public void Alto_KeepsTextLineIds()
    {
        var page = Read("p.xml", """
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page><PrintSpace>
              <TextBlock ID="B1"><TextLine ID="L1"><String CONTENT="Fire"/></TextLine><TextLine><String CONTENT="no id"/></TextLine></TextBlock>
              <TextBlock ID="B2"><TextLine ID="L9"><String CONTENT="Corn"/></TextLine></TextBlock>
            </PrintSpace></Page></Layout></alto>
            """);

        Assert.Equal(["L1", null, null, "L9"], page.Lines.Select(l => l.LineId));
    }

    [Fact]
    public void Hocr_KeepsLineElementIds()
    {
        var page = Read("p.hocr", """
            <html xmlns="http://www.w3.org/1999/xhtml"><body><div class="ocr_page" title="bbox 0 0 100 100">
              <p class="ocr_par" id="par_1"><span class="ocr_line" id="line_1_1" title="bbox 0 0 50 10"><span class="ocrx_word">标题</span></span>
              <span class="ocr_header" id="line_1_2" title="bbox 0 10 50 20"><span class="ocrx_word">正文</span></span></p>
            </div></body></html>
            """);

        Assert.Equal(["line_1_1", "line_1_2"], page.Lines.Select(l => l.LineId));
    }

    [Fact]
    public void PageXml_KeepsTextLineIds()
    {
        var page = Read("p.xml", """
            <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page imageFilename="p.png" imageWidth="100" imageHeight="100">
              <TextRegion id="r1"><TextLine id="tl_1"><TextEquiv><Unicode>第一行</Unicode></TextEquiv></TextLine><TextLine id="tl_2"><TextEquiv><Unicode>第二行</Unicode></TextEquiv></TextLine></TextRegion>
            </Page></PcGts>
            """);

        Assert.Equal(["tl_1", "tl_2"], page.Lines.Select(l => l.LineId));
    }

    [Fact]
    public void TextPage_HasNoLineIds()
    {
        var page = Read("p.txt", "一\n\n二\n");

        Assert.All(page.Lines, l => Assert.Null(l.LineId));
    }
}
