using Workbench.Core.Segmentation;

namespace Workbench.Core.Pages;

/// <summary>The formats a page can be read from.</summary>
public enum SourceFormat
{
    Text,
    Markdown,

    /// <summary>ALTO v1–v4 layout XML (any namespace). See <see cref="AltoReader"/>.</summary>
    Alto,

    /// <summary>PRImA PAGE XML 2013–2019 (any namespace). See <see cref="PageXmlReader"/>.</summary>
    PageXml,

    /// <summary>hOCR (XHTML/HTML from Tesseract, OCRopus, …). See <see cref="HocrReader"/>.</summary>
    Hocr,
}

/// <summary>A line's bounding box on the page image, in pixels (origin top left).</summary>
public readonly record struct LineBox(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;
}

/// <summary>What a non-text region of the page is: a rule between columns or articles, or a picture.</summary>
public enum GraphicKind
{
    Separator,
    Picture,
}

/// <summary>
/// A non-text region the format names (hOCR <c>ocr_separator</c>/<c>ocr_photo</c>/<c>ocr_image</c>, PAGE <c>SeparatorRegion</c>/<c>ImageRegion</c>/
/// <c>GraphicRegion</c>, ALTO <c>GraphicalElement</c>/<c>Illustration</c>), with its box in the same pixels as the line boxes.
/// </summary>
public readonly record struct PageGraphic(GraphicKind Kind, LineBox Box);

/// <summary>
/// One line of the source as it came, without its line terminator. Numbers are 1-based and count blank lines.
/// For the layout formats (ALTO, PAGE, hOCR) the number is the position in reading order; the readers add exactly
/// one blank line between two text blocks/regions (so the text segmenter sees the paragraph break) and no other.
/// </summary>
public sealed record SourceLine(int Number, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    /// <summary>Where the line is on the image, in pixels, when the format says so.</summary>
    public LineBox? Box { get; init; }

    /// <summary>
    /// The line's own ID in the file (hOCR line element <c>id</c>, ALTO <c>TextLine@ID</c>, PAGE <c>TextLine@id</c>); null for text pages
    /// and lines the file gives no ID. Stable when readers change how they number or join lines, so gold data can be keyed by it.
    /// </summary>
    public string? LineId { get; init; }

    /// <summary>The ID of the block/region the line belongs to (ALTO TextBlock ID, PAGE TextRegion id, hOCR carea/par id).</summary>
    public string? RegionId { get; init; }

    /// <summary>The role the format itself gives the line's region (PAGE TextRegion@type, hOCR ocr_header/ocr_caption).</summary>
    public BlockRole? RegionRole { get; init; }

    /// <summary>An article the format assigns the line to (Transkribus <c>structure {id:a1; type:article;}</c>).</summary>
    public string? ArticleHint { get; init; }

    /// <summary>ALTO hyphenation: the full word (SUBS_CONTENT) of the line's first hyphenated part (HypPart2 at its start or HypPart1 at its end).</summary>
    public string? HyphenatedWord { get; init; }

    /// <summary>
    /// The line's font size when the format says (ALTO <c>TextStyle@FONTSIZE</c> through <c>STYLEREFS</c>, in points; hOCR <c>x_size</c> of the line
    /// in pixels, else its words' <c>x_fsize</c>; PAGE <c>TextStyle@fontSize</c>). Units differ between formats: compare within a page only.
    /// </summary>
    public double? FontSize { get; init; }
    /// The line as the OCR file wrote it (its words joined with single spaces) when <see cref="Text"/> differs from that: a
    /// word-segmenting engine's spaces between CJK characters are left out of the text (see <see cref="OcrLineText"/>). Null otherwise.
    /// </summary>
    public string? RawText { get; init; }
}

/// <summary>A page read from a source file: its name, format, and every line in the file's own numbering.</summary>
public sealed record SourcePage(string SourceName, SourceFormat Format, IReadOnlyList<SourceLine> Lines)
{
    /// <summary>
    /// The width of the image the OCR coordinates refer to, in the same pixels as the line boxes, when the file says
    /// (ALTO Page@WIDTH, PAGE Page@imageWidth, hOCR ocr_page bbox). A stored scan may be another size; boxes are scaled by the ratio.
    /// </summary>
    public int? Width { get; init; }

    /// <summary>The height of the image the OCR coordinates refer to; see <see cref="Width"/>.</summary>
    public int? Height { get; init; }

    /// <summary>
    /// The image file the OCR file names, as written (PAGE Page@imageFilename, hOCR ocr_page <c>image "…"</c>,
    /// ALTO sourceImageInformation/fileName). Only a name: the importer decides whether and where it may be read.
    /// </summary>
    public string? ImageReference { get; init; }

    /// <summary>Separators and pictures the format names, in reading order of the file; empty when it names none.</summary>
    public IReadOnlyList<PageGraphic> Graphics { get; init; } = [];

    public SourceLine Line(int number) => Lines[number - 1];
}
