using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>
/// What the layout formats say about each line, measured against the page: its size relative to the page's body text (font size when
/// the file gives one for most lines, else box height), its vertical gap to the line above in its column, and the page's columns.
/// Text pages (no boxes) get an empty profile: <see cref="HasLayout"/> is false and every cue is neutral.
/// </summary>
public sealed class LayoutProfile
{
    /// <summary>A line at least this much larger than the body text is set as a headline.</summary>
    public const double HeadlineRatio = 1.3;

    private readonly double[] size;
    private readonly double[] gapAbove;
    private readonly int[] column;

    private LayoutProfile(SourcePage page, double bodySize, double[] size, double[] gapAbove, int[] column, int columns)
    {
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

    /// <summary>The line's size over the body size (1 for body text; 0 when unknown).</summary>
    public double RelativeSize(int number) => BodySize > 0 && size[number - 1] > 0 ? size[number - 1] / BodySize : 0;

    /// <summary>The space above the line to the nearest line above it that overlaps it horizontally, in body sizes (−1 when none or unknown).</summary>
    public double GapAbove(int number) => gapAbove[number - 1];

    /// <summary>The column the line starts in (0-based; −1 without a box).</summary>
    public int Column(int number) => column[number - 1];

    public bool IsHeadlineSized(int number) => RelativeSize(number) >= HeadlineRatio;

    public LineBox? Box(int number) => Page.Lines[number - 1].Box;

    public static LayoutProfile Of(SourcePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
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
        foreach (var line in boxed)
        {
            size[line.Number - 1] = useFont && line.FontSize is > 0 ? line.FontSize.Value : line.Box!.Value.Height;
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

        var columns = ColumnsOf(boxed, bodyHeight, column);
        return new LayoutProfile(page, body, size, gap, column, columns);
    }

    /// <summary>How much two boxes overlap horizontally, in pixels.</summary>
    public static int Overlap(LineBox a, LineBox b) => Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X));

    /// <summary>Left edges clustered: a new column starts where the sorted left edges jump by more than a few body heights.</summary>
    private static int ColumnsOf(List<SourceLine> boxed, double bodyHeight, int[] column)
    {
        var edges = boxed.Select(l => l.Box!.Value.X).Order().ToList();
        var starts = new List<int> { edges[0] };
        var counts = new List<int> { 0 };
        foreach (var edge in edges)
        {
            if (edge - starts[^1] > 3 * bodyHeight)
            {
                starts.Add(edge);
                counts.Add(0);
            }

            counts[^1]++;
        }

        // A cluster of a line or two is an indented headline or a caption, not a column.
        var real = starts.Where((_, i) => counts[i] * 50 >= boxed.Count || counts[i] >= 5).ToList();
        if (real.Count == 0)
        {
            real = [starts[0]];
        }

        foreach (var line in boxed)
        {
            var x = line.Box!.Value.X;
            var k = 0;
            while (k + 1 < real.Count && x >= real[k + 1] - bodyHeight)
            {
                k++;
            }

            column[line.Number - 1] = k;
        }

        return real.Count;
    }
}
