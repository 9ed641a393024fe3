using System.Runtime.CompilerServices;
using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>
/// What the layout formats say about each line, measured against the page: its size relative to the page's body text (font size when
/// the file gives one for most lines, else box height), its vertical gap to the line above in its column, and the page's columns.
/// Text pages (no boxes) get an empty profile: <see cref="HasLayout"/> is false and every cue is neutral.
/// </summary>
public sealed class LayoutProfile
{
    private static readonly ConditionalWeakTable<SourcePage, LayoutProfile> Profiles = new();

    /// <summary>A line at least this much larger than the body text is set as a headline.</summary>
    public const double HeadlineRatio = 1.3;

    /// <summary>
    /// A line at least this much larger than the body text holding at most <see cref="PictureTextLength"/> characters is a picture the
    /// OCR read as text (Tesseract reads a photo or a seal as "SS", "江", "NS" in a box four to ten body lines tall), not a headline.
    /// </summary>
    public const double PictureTextRatio = 3.0;

    public const int PictureTextLength = 3;

    /// <summary>How much larger against its box than the page's typical line an hOCR x_size may be before the box is believed instead.</summary>
    private const double FontSizeTrust = 1.5;

    private readonly double[] size;
    private readonly double[] gapAbove;
    private readonly int[] column;
    private readonly bool[] centred;

    private LayoutProfile(SourcePage page, double bodySize, double[] size, double[] gapAbove, int[] column, int columns, bool[]? centred = null, double columnWidth = 0)
    {
        ColumnWidth = columnWidth;
        this.centred = centred ?? new bool[size.Length];
        Page = page;
        BodySize = bodySize;
        this.size = size;
        this.gapAbove = gapAbove;
        this.column = column;
        Columns = columns;
    }

    public SourcePage Page { get; }

    /// <summary>At least 60% of the page's non-blank lines have a box.</summary>
    public bool HasLayout => BodySize > 0;

    /// <summary>The median size of the page's body lines (font size or box height), 0 without layout.</summary>
    public double BodySize { get; }

    /// <summary>How many columns the page's body lines fall into (clusters of their left edges).</summary>
    public int Columns { get; }

    /// <summary>The median measure (width) of the page's columns, in pixels; 0 without layout.</summary>
    public double ColumnWidth { get; }

    /// <summary>The line's size over the body size (1 for body text; 0 when unknown).</summary>
    public double RelativeSize(int number) => BodySize > 0 && size[number - 1] > 0 ? size[number - 1] / BodySize : 0;

    /// <summary>The space above the line to the nearest line above it that overlaps it horizontally, in body sizes (−1 when none or unknown).</summary>
    public double GapAbove(int number) => gapAbove[number - 1];

    /// <summary>The column the line starts in (0-based; −1 without a box).</summary>
    public int Column(int number) => column[number - 1];

    /// <summary>Set larger than body text by <see cref="HeadlineRatio"/>, and not a picture read as text (see <see cref="IsPictureText"/>).</summary>
    public bool IsHeadlineSized(int number) => RelativeSize(number) >= HeadlineRatio && !IsPictureText(number);

    /// <summary>A few characters in a box far larger than body text: a picture the OCR read as text (see <see cref="PictureTextRatio"/>).</summary>
    public bool IsPictureText(int number) => RelativeSize(number) >= PictureTextRatio && Characters(Page.Lines[number - 1].Text) <= PictureTextLength;

    private static int Characters(string text)
    {
        var count = 0;
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext() && count <= PictureTextLength)
        {
            if (!string.IsNullOrWhiteSpace(elements.GetTextElement()))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The line is short and set in the middle of its column, with clear space left and right (a section heading in old papers).</summary>
    public bool IsCentred(int number) => centred[number - 1];

    public LineBox? Box(int number) => Page.Lines[number - 1].Box;

    /// <summary>
    /// The page's profile, computed once per page object: the rules, the model's features, its refinement and its
    /// calibration each ask for it, and on an 800-line ALTO page one computation costs about as much as reading the file.
    /// </summary>
    public static LayoutProfile Of(SourcePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Profiles.GetValue(page, Compute);
    }

    private static LayoutProfile Compute(SourcePage page)
    {
        var count = page.Lines.Count;
        var size = new double[count];
        var gap = Enumerable.Repeat(-1.0, count).ToArray();
        var column = Enumerable.Repeat(-1, count).ToArray();
        var lines = page.Lines.Where(l => !l.IsBlank).ToList();
        var boxed = lines.Where(l => l.Box is { Height: > 0, Width: > 0 }).ToList();
        if (lines.Count == 0 || boxed.Count * 10 < lines.Count * 6)
        {
            return new LayoutProfile(page, 0, size, gap, column, 0);
        }

        var useFont = boxed.Count(l => l.FontSize is > 0) * 10 >= boxed.Count * 8;
        // hOCR's x_size is the engine's estimate, in the boxes' pixels; one far larger against its own box than the page's lines
        // typically are has gone wrong (Tesseract gives whole paragraphs of 21 px body text x_size 36): such a line is measured
        // by its box, in font units. A font size the file declares (ALTO TextStyle, PAGE TextStyle) is believed as it is.
        var perPixel = useFont && page.Format == SourceFormat.Hocr ? boxed.Where(l => l.FontSize is > 0).Select(l => l.FontSize!.Value / l.Box!.Value.Height).Order().ToList() : [];
        var typical = perPixel.Count == 0 ? 0 : perPixel[perPixel.Count / 2];
        foreach (var line in boxed)
        {
            var height = line.Box!.Value.Height;
            size[line.Number - 1] = !useFont || line.FontSize is not > 0 ? height
                : typical > 0 && line.FontSize.Value / height > typical * FontSizeTrust ? height * typical
                : line.FontSize.Value;
        }

        // Body text: the median size of lines long enough to be running text (headlines are short and few).
        var bodyLines = boxed.Where(l => l.Text.Trim().Length >= 6).Select(l => size[l.Number - 1]).Where(s => s > 0).Order().ToList();
        if (bodyLines.Count == 0)
        {
            bodyLines = boxed.Select(l => size[l.Number - 1]).Where(s => s > 0).Order().ToList();
        }

        var body = bodyLines.Count == 0 ? 0 : bodyLines[bodyLines.Count / 2];
        if (body <= 0)
        {
            return new LayoutProfile(page, 0, size, gap, column, 0);
        }

        var bodyHeight = boxed.Select(l => (double)l.Box!.Value.Height).Order().ElementAt(boxed.Count / 2);
        var byTop = boxed.OrderBy(l => l.Box!.Value.Y).ToList();
        for (var i = 0; i < byTop.Count; i++)
        {
            var box = byTop[i].Box!.Value;
            for (var j = i - 1; j >= 0; j--)
            {
                var above = byTop[j].Box!.Value;
                if (Overlap(above, box) > 0.3 * Math.Min(above.Width, box.Width) && above.Bottom <= box.Y + box.Height / 2)
                {
                    gap[byTop[i].Number - 1] = Math.Max(0, box.Y - above.Bottom) / Math.Max(1, bodyHeight);
                    break;
                }
            }
        }

        var (columns, measures) = ColumnsOf(boxed, bodyHeight, column);
        var width = measures.Select(m => (double)(m.Right - m.Left)).Order().ElementAt(measures.Count / 2);
        return new LayoutProfile(page, body, size, gap, column, columns, Centred(boxed, column, measures, count), width);
    }

    /// <summary>A line is centred when it is at most 70% of its column's measure, indented, and its middle within 6% of the measure's middle.</summary>
    private static bool[] Centred(List<SourceLine> boxed, int[] column, List<(int Left, int Right)> measures, int count)
    {
        var centred = new bool[count];
        foreach (var line in boxed)
        {
            var (left, right) = measures[column[line.Number - 1]];
            var measure = right - left;
            var box = line.Box!.Value;
            var middle = box.X + box.Width / 2.0;
            centred[line.Number - 1] = measure > 0 && box.Width <= measure * 0.7 && box.X > left + measure * 0.1
                && Math.Abs(middle - (left + measure / 2.0)) <= measure * 0.06;
        }

        return centred;
    }

    /// <summary>How much two boxes overlap horizontally, in pixels.</summary>
    public static int Overlap(LineBox a, LineBox b) => Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X));

    /// <summary>
    /// Columns from the page's full lines (at least 60% of the median line width, at most 1.6 times it: not headlines across columns):
    /// their left edges clustered where the sorted edges jump by more than three body heights, small clusters dropped. Each column's
    /// measure is the median left and right of its full lines; a line goes to the column holding its middle, else the nearest one left of it.
    /// </summary>
    private static (int Count, List<(int Left, int Right)> Measures) ColumnsOf(List<SourceLine> boxed, double bodyHeight, int[] column)
    {
        var widths = boxed.Select(l => l.Box!.Value.Width).Order().ToList();
        var median = widths[widths.Count / 2];
        var full = boxed.Where(l => l.Box!.Value.Width >= median * 0.6 && l.Box!.Value.Width <= median * 1.6).Select(l => l.Box!.Value).OrderBy(b => b.X).ToList();
        var clusters = new List<List<LineBox>>();
        foreach (var box in full)
        {
            if (clusters.Count == 0 || box.X - clusters[^1][^1].X > 3 * bodyHeight)
            {
                clusters.Add([]);
            }

            clusters[^1].Add(box);
        }

        var measures = clusters.Where(c => c.Count * 50 >= full.Count || c.Count >= 5)
            .Select(c => (Left: c.Select(b => b.X).Order().ElementAt(c.Count / 2), Right: c.Select(b => b.Right).Order().ElementAt(c.Count / 2)))
            .ToList();
        if (measures.Count == 0)
        {
            measures.Add((widths.Count == 0 ? 0 : boxed.Min(l => l.Box!.Value.X), boxed.Max(l => l.Box!.Value.Right)));
        }

        foreach (var line in boxed)
        {
            var box = line.Box!.Value;
            var middle = box.X + box.Width / 2;
            var k = measures.FindIndex(m => middle >= m.Left && middle <= m.Right);
            if (k < 0)
            {
                k = Math.Max(0, measures.FindLastIndex(m => m.Left <= middle));
            }

            column[line.Number - 1] = k;
        }

        return (measures.Count, measures);
    }

}
