using System.Globalization;
using System.Net;
using System.Text;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>
/// Builds small ALTO and hOCR pages line by line (boxes in pixels, optional font size and hOCR line class), read back through the real
/// readers, for the layout tests. Text comes in Chinese or English so every layout test runs in both.
/// </summary>
internal sealed class LayoutTestPage(string language)
{
    public const int Width = 2000;
    public const int Height = 3000;

    private readonly List<(string Block, string Text, LineBox Box, double? Font, string Class)> lines = [];
    private readonly List<PageGraphic> graphics = [];
    private int bodyCounter;

    public bool Chinese => language == "zh";

    public string Title(int n) => Chinese ? $"第{n}条新闻标题在此" : $"Council Approves Budget {n}";

    public string Kicker => Chinese ? "聚焦民生" : "CITY HALL";

    /// <summary>A body line: running text, ending in a full stop every third line.</summary>
    public string BodyText()
    {
        bodyCounter++;
        var end = bodyCounter % 3 == 0;
        return Chinese
            ? (end ? "市民纷纷表示欢迎。" : "今年以来，某市持续推进各项")
            : (end ? "residents welcomed the plan." : "The council met on Tuesday and");
    }

    public LayoutTestPage Line(string block, string text, int x, int y, int width, int height, double? font = null, string cls = "ocr_line")
    {
        lines.Add((block, text, new LineBox(x, y, width, height), font, cls));
        return this;
    }

    /// <summary>A headline of <paramref name="height"/> pixels over [x, x+width).</summary>
    public LayoutTestPage Headline(string block, string text, int x, int y, int width, int height = 80) => Line(block, text, x, y, width, height);

    /// <summary><paramref name="count"/> body lines of 30 pixels, 40 apart, from y in the column [x, x+width), with the font size the file gives (if any).</summary>
    public LayoutTestPage Body(string block, int x, int y, int width, int count, double? font = null)
    {
        for (var i = 0; i < count; i++)
        {
            Line(block, BodyText(), x, y + i * 40, width, 30, font);
        }

        return this;
    }

    public LayoutTestPage Graphic(GraphicKind kind, int x, int y, int width, int height)
    {
        graphics.Add(new PageGraphic(kind, new LineBox(x, y, width, height)));
        return this;
    }

    public string Alto()
    {
        var xml = new StringBuilder();
        var styles = lines.Where(l => l.Font is not null).Select(l => l.Font!.Value).Distinct().ToList();
        xml.Append("""<?xml version="1.0" encoding="UTF-8"?><alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Description><MeasurementUnit>pixel</MeasurementUnit></Description><Styles>""");
        foreach (var size in styles)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<TextStyle ID="S{styles.IndexOf(size)}" FONTSIZE="{size}"/>""");
        }

        xml.Append(CultureInfo.InvariantCulture, $"""</Styles><Layout><Page ID="P1" WIDTH="{Width}" HEIGHT="{Height}"><PrintSpace>""");
        foreach (var block in lines.GroupBy(l => l.Block))
        {
            xml.Append(CultureInfo.InvariantCulture, $"""<TextBlock ID="{block.Key}">""");
            foreach (var (_, text, box, font, _) in block)
            {
                var style = font is null ? "" : $" STYLEREFS=\"S{styles.IndexOf(font.Value)}\"";
                xml.Append(CultureInfo.InvariantCulture, $"""<TextLine HPOS="{box.X}" VPOS="{box.Y}" WIDTH="{box.Width}" HEIGHT="{box.Height}"><String CONTENT="{WebUtility.HtmlEncode(text)}"{style}/></TextLine>""");
            }

            xml.Append("</TextBlock>");
        }

        foreach (var graphic in graphics)
        {
            var name = graphic.Kind == GraphicKind.Picture ? "Illustration" : "GraphicalElement";
            xml.Append(CultureInfo.InvariantCulture, $"""<{name} HPOS="{graphic.Box.X}" VPOS="{graphic.Box.Y}" WIDTH="{graphic.Box.Width}" HEIGHT="{graphic.Box.Height}"/>""");
        }

        xml.Append("</PrintSpace></Page></Layout></alto>");
        return xml.ToString();
    }

    public string Hocr()
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' title='bbox 0 0 {Width} {Height}'>""");
        foreach (var graphic in graphics)
        {
            var cls = graphic.Kind == GraphicKind.Picture ? "ocr_photo" : "ocr_separator";
            html.Append(CultureInfo.InvariantCulture, $"<div class='{cls}' title='{Bbox(graphic.Box)}'></div>");
        }

        foreach (var block in lines.GroupBy(l => l.Block))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class='ocr_carea' id='{block.Key}'><p class='ocr_par' id='{block.Key}_p'>");
            foreach (var (_, text, box, font, cls) in block)
            {
                var size = font is null ? "" : string.Create(CultureInfo.InvariantCulture, $"; x_size {font}");
                html.Append(CultureInfo.InvariantCulture, $"<span class='{cls}' title='{Bbox(box)}{size}'><span class='ocrx_word'>{WebUtility.HtmlEncode(text)}</span></span>");
            }

            html.Append("</p></div>");
        }

        html.Append("</div></body></html>");
        return html.ToString();
    }

    public PageSegmentation SegmentAlto() => Segmenter.Segment(PageReader.Read("page.xml", Encoding.UTF8.GetBytes(Alto())));

    public PageSegmentation SegmentHocr() => Segmenter.Segment(PageReader.Read("page.hocr", Encoding.UTF8.GetBytes(Hocr())));

    private static string Bbox(LineBox box) => string.Create(CultureInfo.InvariantCulture, $"bbox {box.X} {box.Y} {box.Right} {box.Bottom}");
}
