using System.Text;
using ImageMagick;
using ImageMagick.Drawing;

namespace Workbench.Web.Tests.Support;

/// <summary>Small OCR files with known line boxes, and real images made with Magick.NET, written by the tests themselves.</summary>
public static class LayoutFixtures
{
    /// <summary>Three lines: a headline and two body lines, with these boxes (x, y, width, height).</summary>
    public static readonly (string Text, int X, int Y, int W, int H)[] Lines =
    [
        ("草原书屋开进牧区", 40, 30, 320, 40),
        ("本报讯 一辆流动书车驶进牧区。", 40, 90, 480, 24),
        ("牧民们围在车旁挑选图书。𠀀", 40, 124, 460, 24),
    ];

    public static byte[] Alto(string? imageName = null, int width = 600, int height = 800, string blockPrefix = "B") => Utf8($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">
          <Description><MeasurementUnit>pixel</MeasurementUnit>{(imageName is null ? "" : $"<sourceImageInformation><fileName>{imageName}</fileName></sourceImageInformation>")}</Description>
          <Layout><Page ID="P1" WIDTH="{width}" HEIGHT="{height}"><PrintSpace>
            <TextBlock ID="{blockPrefix}1">{AltoLine(Lines[0])}</TextBlock>
            <TextBlock ID="{blockPrefix}2">{AltoLine(Lines[1])}{AltoLine(Lines[2])}</TextBlock>
          </PrintSpace></Page></Layout>
        </alto>
        """);

    public static byte[] PageXml(string? imageName = null, int width = 600, int height = 800) => Utf8($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">
          <Page imageFilename="{imageName ?? "none.png"}" imageWidth="{width}" imageHeight="{height}">
            <TextRegion id="r1" type="heading">{PageLine(Lines[0])}</TextRegion>
            <TextRegion id="r2" type="paragraph">{PageLine(Lines[1])}{PageLine(Lines[2])}</TextRegion>
          </Page>
        </PcGts>
        """);

    public static byte[] Hocr(string? imageName = null, int width = 600, int height = 800) => Utf8($"""
        <?xml version="1.0" encoding="UTF-8"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>
          <div class="ocr_page" id="page_1" title='{(imageName is null ? "" : $"image \"{imageName}\"; ")}bbox 0 0 {width} {height}'>
            <div class="ocr_carea" id="a1"><p class="ocr_par" id="p1">{HocrLine(Lines[0], 1)}</p></div>
            <div class="ocr_carea" id="a2"><p class="ocr_par" id="p2">{HocrLine(Lines[1], 2)}{HocrLine(Lines[2], 3)}</p></div>
          </div>
        </body></html>
        """);

    public static byte[] Jpeg(int width, int height) => Image(width, height, MagickFormat.Jpeg);

    public static byte[] Png(int width, int height) => Image(width, height, MagickFormat.Png);

    public static byte[] WebP(int width, int height) => Image(width, height, MagickFormat.WebP);

    public static byte[] Tiff(int width, int height) => Image(width, height, MagickFormat.Tiff);

    public static byte[] Image(int width, int height, MagickFormat format)
    {
        using var image = new MagickImage(new MagickColor("#f4efe3"), (uint)width, (uint)height);
        new Drawables().FillColor(new MagickColor("#1d1a16")).Rectangle(10, 10, width / 2, height / 3).Draw(image);
        image.Format = format;
        return image.ToByteArray();
    }

    /// <summary>Starts like a JPEG, then is not one.</summary>
    public static byte[] FakeJpeg() => [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("this is not really a JPEG at all")];

    private static string AltoLine((string Text, int X, int Y, int W, int H) line) =>
        $"""<TextLine HPOS="{line.X}" VPOS="{line.Y}" WIDTH="{line.W}" HEIGHT="{line.H}"><String CONTENT="{line.Text}" HPOS="{line.X}" VPOS="{line.Y}" WIDTH="{line.W}" HEIGHT="{line.H}"/></TextLine>""";

    private static string PageLine((string Text, int X, int Y, int W, int H) line) =>
        $"""<TextLine id="l{line.Y}"><Coords points="{line.X},{line.Y} {line.X + line.W},{line.Y} {line.X + line.W},{line.Y + line.H} {line.X},{line.Y + line.H}"/><TextEquiv><Unicode>{line.Text}</Unicode></TextEquiv></TextLine>""";

    private static string HocrLine((string Text, int X, int Y, int W, int H) line, int id) =>
        $"""<span class="ocr_line" id="line_{id}" title="bbox {line.X} {line.Y} {line.X + line.W} {line.Y + line.H}">{line.Text}</span>""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
