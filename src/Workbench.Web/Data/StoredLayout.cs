using System.Globalization;
using System.Text;
using Workbench.Core.Pages;

namespace Workbench.Web.Data;

/// <summary>
/// The layout cues kept with a page, so re-segmentation and training read the same page the import read: each line's box, font size,
/// region and region role (columns of <see cref="PageLine"/>), and the page's separators and pictures (<see cref="Page.Graphics"/>,
/// written <c>S x y w h;P x y w h</c>).
/// </summary>
public static class StoredLayout
{
    public static string? WriteGraphics(IReadOnlyList<PageGraphic> graphics)
    {
        ArgumentNullException.ThrowIfNull(graphics);
        if (graphics.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var graphic in graphics)
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            var box = graphic.Box;
            text.Append(CultureInfo.InvariantCulture, $"{(graphic.Kind == GraphicKind.Picture ? 'P' : 'S')} {box.X} {box.Y} {box.Width} {box.Height}");
        }

        return text.ToString();
    }

    /// <summary>The graphics written by <see cref="WriteGraphics"/>; entries that do not read are skipped.</summary>
    public static IReadOnlyList<PageGraphic> ReadGraphics(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        var graphics = new List<PageGraphic>();
        foreach (var entry in stored.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 5 && parts[0] is "P" or "S"
                && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
                && int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
                && int.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var w)
                && int.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h))
            {
                graphics.Add(new PageGraphic(parts[0] == "P" ? GraphicKind.Picture : GraphicKind.Separator, new LineBox(x, y, w, h)));
            }
        }

        return graphics;
    }

    /// <summary>The page as the segmenter saw it at import: the original text of every line with its stored cues.</summary>
    public static SourcePage Source(Page page, IEnumerable<PageLine> lines)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(lines);
        var source = lines.OrderBy(l => l.Number).Select(l => new SourceLine(l.Number, l.Original)
        {
            Box = l is { X: { } x, Y: { } y, Width: { } w, Height: { } h } ? new LineBox(x, y, w, h) : null,
            FontSize = l.FontSize,
            RegionId = l.Region,
            RegionRole = l.RegionRole,
        }).ToList();
        return new SourcePage(page.SourceName, page.Format, source)
        {
            Width = page.OcrWidth,
            Height = page.OcrHeight,
            Graphics = ReadGraphics(page.Graphics),
        };
    }
}
