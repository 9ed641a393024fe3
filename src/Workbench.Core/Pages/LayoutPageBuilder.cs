namespace Workbench.Core.Pages;

/// <summary>
/// Numbers the lines of a layout page in reading order and puts exactly one blank line between two blocks
/// (only between blocks that have lines; never before the first or after the last).
/// </summary>
internal sealed class LayoutPageBuilder
{
    private readonly List<SourceLine> lines = [];
    private bool blockOpen;

    public void StartBlock() => blockOpen = false;

    /// <summary>The number the next <see cref="Add"/> will get.</summary>
    public int NextNumber => lines.Count + (!blockOpen && lines.Count > 0 ? 2 : 1);

    public void Add(string text, LineBox? box, string? regionId, Segmentation.BlockRole? role, string? articleHint = null, string? hyphenatedWord = null, string? lineId = null, double? fontSize = null, string? rawText = null)
    {
        if (!blockOpen && lines.Count > 0)
        {
            lines.Add(new SourceLine(lines.Count + 1, ""));
        }

        blockOpen = true;
        lines.Add(new SourceLine(lines.Count + 1, text)
        {
            Box = box,
            RegionId = regionId,
            RegionRole = role,
            ArticleHint = articleHint,
            HyphenatedWord = hyphenatedWord,
            FontSize = fontSize is > 0 and < 10_000 ? fontSize : null,
            LineId = lineId,
            RawText = rawText,
        });
    }

    public SourcePage Build(string sourceName, SourceFormat format)
    {
        if (lines.Count == 0)
        {
            throw new PageRejectedException(sourceName, CoreText.Format("Import.NoLines", Describe(format)));
        }

        return new SourcePage(sourceName, format, lines.ToList());
    }

    public static string Describe(SourceFormat format) => format switch
    {
        SourceFormat.Alto => "ALTO",
        SourceFormat.PageXml => "PAGE XML",
        SourceFormat.Hocr => "hOCR",
        _ => format.ToString(),
    };

    /// <summary>A positive pixel size, or null.</summary>
    public static int? Size(double? value, double scale = 1.0) =>
        value is > 0 && !double.IsInfinity(value.Value * scale) && value.Value * scale < int.MaxValue ? (int)Math.Round(value.Value * scale) : null;

    /// <summary>The text of an image reference, or null when blank.</summary>
    public static string? Reference(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static LineBox? Box(double? x, double? y, double? width, double? height, double scale = 1.0) =>
        x is null || y is null || width is null || height is null
            ? null
            : new LineBox((int)Math.Round(x.Value * scale), (int)Math.Round(y.Value * scale), (int)Math.Round(width.Value * scale), (int)Math.Round(height.Value * scale));
}
