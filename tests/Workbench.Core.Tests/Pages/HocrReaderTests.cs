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
        Assert.Contains("not ALTO, PAGE XML, hOCR or METS", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TesseractLstmChoicesAndCharBoxes_GiveOnlyTheWords()
    {
        // Issue 15 case 1: `tesseract en1.png out -l eng -c lstm_choice_mode=2 -c hocr_char_boxes=1 hocr` on a rendered line.
        var page = PageReader.Read("choices.hocr", File.ReadAllBytes(RepoPaths.PageFixture("tesseract-choices.hocr")));

        Assert.Equal(["1 Down the Rabbit-Hole"], page.Lines.Where(l => !l.IsBlank).Select(l => l.Text));
        Assert.Null(page.Line(1).RawText);
    }

    [Fact]
    public void Read_LstmChoiceMode1Timesteps_AndSpecAlternatives_AreLeftOut()
    {
        // lstm_choice_mode=1 writes ocr_symbol/timestep spans after the word's text; the hOCR spec writes <ins>/<del class="alt">.
        var page = Read("""
            <div class='ocr_carea' id='c'><span class='ocr_line' id='l' title='bbox 0 0 9 9'>
              <span class='ocrx_word' id='w1' title='bbox 0 0 1 1'>Down
                <span class='ocr_symbol' id='symbol_1_1_1'><span class='ocrx_cinfo' id='timestep1_1_1'><span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 99'>D</span><span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 1'>O</span></span></span>
              </span>
              <span class='ocrx_word' id='w2' title='bbox 0 0 1 1'><span class='alternatives'><ins class='alt' title='nlp 3'>the</ins><del class='alt' title='nlp 5'>tho</del></span></span>
            </span></div>
            """);

        Assert.Equal("Down the", page.Line(1).Text);
    }

    [Fact]
    public void Read_TesseractChiSim_JoinsCjkWordsWithoutSpaces_AndKeepsTheFilesSpacingAside()
    {
        // Issue 15 case 2: `tesseract zh1.png out -l chi_sim hocr`; Tesseract's own text output is "李资政星期一(4月14日 ) 在北京会见代表团。".
        var page = PageReader.Read("zh.hocr", File.ReadAllBytes(RepoPaths.PageFixture("tesseract-chi_sim.hocr")));

        var line = page.Lines.Single(l => !l.IsBlank);
        Assert.Equal("李资政星期一(4月14日)在北京会见代表团。", line.Text);
        Assert.Equal("李 资 政 星 期 一 (4 月 14 日 ) 在 北京 会 见 代 表 团 。", line.RawText);
        Assert.Equal(line.Text, PageReader.Read("c.hocr", File.ReadAllBytes(RepoPaths.PageFixture("tesseract-chi_sim-choices.hocr"))).Lines.Single(l => !l.IsBlank).Text);
    }

    [Theory]
    [InlineData("你好|世界", "你好世界")]
    [InlineData("こんにちは|世界", "こんにちは世界")]
    [InlineData("안녕하세요|세계", "안녕하세요 세계")]
    [InlineData("使用|Windows|系统", "使用 Windows 系统")]
    [InlineData("2023|年|7|月", "2023年7月")]
    [InlineData("𠀀|😀|中", "𠀀😀中")]
    [InlineData("Great|Fire", "Great Fire")]
    public void Read_WordBoundaries_DropOnlyBetweenCjk(string words, string expected)
    {
        var page = Read($"<div class='ocr_carea' id='c'>{Line("l", "0 0 1 1", words.Split('|'))}</div>");

        Assert.Equal(expected, page.Line(1).Text);
        Assert.Equal(expected == words.Replace('|', ' ') ? null : words.Replace('|', ' '), page.Line(1).RawText);
    }
}
