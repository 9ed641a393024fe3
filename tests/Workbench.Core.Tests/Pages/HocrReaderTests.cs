using System.Text;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Pages;

public class HocrReaderTests
{
    private const string Doctype = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
            "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        """;

    private static SourcePage Read(string body, string doctype = Doctype, string name = "page.hocr") =>
        PageReader.Read(name, Encoding.UTF8.GetBytes($"""
            {doctype}
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>
            <div class='ocr_page' id='page_1' title='image "p.png"; bbox 0 0 2000 3000; ppageno 0'>{body}</div>
            </body></html>
            """));

    private static string Line(string id, string bbox, params string[] words) =>
        $"""<span class='ocr_line' id='{id}' title='bbox {bbox}; baseline 0 -5'>{string.Concat(words.Select((w, i) => $"<span class='ocrx_word' id='{id}_w{i}' title='bbox 0 0 1 1; x_wconf 90'>{w}</span> "))}</span>""";

    [Fact]
    public void Read_TesseractStyle_WordsJoinedBoxesAndBlankBetweenParagraphs()
    {
        var page = Read($"""
            <div class='ocr_carea' id='block_1' title='bbox 10 10 900 300'>
              <p class='ocr_par' id='par_1'>{Line("line_1", "10 20 500 60", "Down", "the", "<strong>Rabbit-Hole</strong>")}</p>
              <p class='ocr_par' id='par_2'>{Line("line_2", "10 100 900 140", "Alice", "was")}
                {Line("line_3", "10 150 880 190", "beginning")}</p>
            </div>
            """);
        Assert.Equal(SourceFormat.Hocr, page.Format);
        Assert.Equal(["Down the Rabbit-Hole", "", "Alice was", "beginning"], page.Lines.Select(l => l.Text));
        Assert.Equal(new LineBox(10, 20, 490, 40), page.Line(1).Box);
        Assert.Equal(["par_1", null, "par_2", "par_2"], page.Lines.Select(l => l.RegionId));
    }

    [Fact]
    public void Read_OrderAndCflowDecideReadingOrder()
    {
        var page = Read($"""
            <div class='ocr_carea' id='c1' title='bbox 0 0 1 1; order 3'>{Line("l1", "0 0 1 1", "third")}</div>
            <div class='ocr_carea' id='c2' title='bbox 0 0 1 1; order 1; cflow story'>{Line("l2", "0 0 1 1", "story", "starts")}</div>
            <div class='ocr_carea' id='c3' title='bbox 0 0 1 1; order 2'>{Line("l3", "0 0 1 1", "second")}</div>
            <div class='ocr_carea' id='c4' title='bbox 0 0 1 1; order 4; cflow story'>{Line("l4", "0 0 1 1", "story", "ends")}</div>
            <div class='ocr_carea' id='c5' title='bbox 0 0 1 1'><span class='ocr_header' title='bbox 0 0 1 1'><span class='ocrx_word'>NEWS</span></span></div>
            """);
        Assert.Equal(["story starts", "story ends", "second", "third", "NEWS"], page.Lines.Where(l => !l.IsBlank).Select(l => l.Text));
        Assert.Equal(["story", "story", null, null, null], page.Lines.Where(l => !l.IsBlank).Select(l => l.ArticleHint));
        Assert.Equal(BlockRole.Headline, page.Lines[^1].RegionRole);
    }

    [Fact]
    public void Read_Html5DoctypeAndNoDoctypeAreAccepted()
    {
        var body = $"<div class='ocr_carea' id='c'>{Line("l", "0 0 1 1", "x")}</div>";
        Assert.Equal("x", Read(body, "<!DOCTYPE html>", "page.html").Line(1).Text);
        Assert.Equal("x", Read(body, "", "page.html").Line(1).Text);
    }

    [Fact]
    public void Read_DoctypeWithEntityDeclarationsIsRefused()
    {
        var e = Assert.Throws<PageRejectedException>(() => Read(
            $"<div class='ocr_carea' id='c'>{Line("l", "0 0 1 1", "&xxe;")}</div>",
            """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd" [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>"""));
        Assert.Equal(XmlSafety.DtdReason, e.Reason);
    }

    [Fact]
    public void Read_HtmlWithoutOcrPageIsRefused()
    {
        var e = Assert.Throws<PageRejectedException>(() => PageReader.Read("index.html", Encoding.UTF8.GetBytes("<html><body><p>hi</p></body></html>")));
        Assert.Contains("not ALTO, PAGE XML or hOCR", e.Reason, StringComparison.Ordinal);
    }
}
