using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>
/// Segments a page that has line boxes by its layout. A headline is a run of lines set larger than the body text (or in a region the
/// format calls a heading), with a kicker directly above and a deck directly below it when they are set between the two sizes. An
/// article is its headline with the lines beneath it, up to the next headline over that column (or a separator rule across it); lines
/// with no headline above them carry on the column above them, else the article before them in reading order (a story runs on into
/// the next column) unless that article's headline spans columns and they lie outside them, or, in a region of their own, make an
/// item without a title. Headlines in the top band of the page are its masthead (furniture). Captions go
/// with the picture's article. Bylines, credits and jump lines keep the roles the text rules give them.
/// </summary>
internal static class LayoutSegmenter
{
    /// <summary>Above this share of the page height a large line is the masthead or running head, not a story's headline.</summary>
    private const double TopBand = 0.045;

    private const double KickerRatio = 0.85;

    /// <summary>
    /// Lines of one headline measured by box height differ by their ascenders and descenders ("Vote on harbor" over "dredging set
    /// for": 23 and 29 px); a line at least this share of its neighbour's size is more of the headline, smaller is a kicker or deck.
    /// </summary>
    private const double SameHeadline = 0.75;

    /// <summary>How far right of the line above a paragraph's first line may start (in its line heights) and still be under it.</summary>
    private const double IndentLines = 3;

    /// <summary>Placed lines are indexed by their bottom edge in bands of 2^5 = 32 pixels.</summary>
    private const int BandShift = 5;

    private sealed class Head
    {
        public List<(int Number, BlockRole Role)> Lines { get; } = [];

        public int Left { get; set; } = int.MaxValue;

        public int Right { get; set; }

        public int Top { get; set; } = int.MaxValue;

        public int Bottom { get; set; }

        public double Size { get; set; }

        public bool Masthead { get; set; }

        public void Add(int number, BlockRole role, LineBox box)
        {
            Lines.Add((number, role));
            Left = Math.Min(Left, box.X);
            Right = Math.Max(Right, box.Right);
            Top = Math.Min(Top, box.Y);
            Bottom = Math.Max(Bottom, box.Bottom);
        }
    }

    private sealed class Item
    {
        public Head? Head { get; init; }

        public List<ClassifiedLine> Body { get; } = [];

        public double Confidence { get; set; }

        public bool Furniture { get; init; }
    }

    /// <summary>The layout's articles, or null when the page's layout shows fewer than two headlines (the text rules do better then).</summary>
    public static IReadOnlyList<SegmentArticle>? Segment(IReadOnlyList<ClassifiedLine> lines, LayoutProfile layout)
    {
        if (!layout.HasLayout)
        {
            return null;
        }

        var page = layout.Page;
        var text = lines.Where(l => !l.IsBlank && layout.Box(l.Number) is not null).ToList();
        var heads = Heads(text, layout, page);
        if (heads.Count(h => !h.Masthead) < 2)
        {
            return null;
        }

        var inHead = heads.SelectMany(h => h.Lines).ToDictionary(p => p.Number, p => p.Role);
        var items = heads.Select(h => new Item { Head = h, Furniture = h.Masthead, Confidence = Strength(h) }).ToList();
        var itemOf = new Dictionary<int, Item>();
        foreach (var head in items)
        {
            foreach (var (number, _) in head.Head!.Lines)
            {
                itemOf[number] = head;
            }
        }

        // Placed lines by column and band of their bottom edge, for the line directly above a line (in its column, just above it).
        var placed = new Dictionary<(int Column, int Band), List<(LineBox Box, Item Item)>>();
        foreach (var line in text)
        {
            if (itemOf.TryGetValue(line.Number, out var head))
            {
                Place(placed, layout, line, head);
            }
        }

        // Lines by the top of their box, to find those a separator's middle row could run through without trying every line.
        var boxes = text.Select(l => layout.Box(l.Number)!.Value).OrderBy(b => b.Y).ToList();
        var tallest = boxes.Count == 0 ? 0 : boxes.Max(b => b.Height);
        var separators = page.Graphics.Where(g => g.Kind == GraphicKind.Separator && g.Box.Width > g.Box.Height * 4 && !RunsThroughAny(g.Box, boxes, tallest))
            .Select(g => g.Box).ToList();
        Item? previous = null;
        ClassifiedLine? previousLine = null;
        foreach (var line in lines.Where(l => !l.IsBlank))
        {
            if (inHead.ContainsKey(line.Number))
            {
                previous = itemOf[line.Number];
                previousLine = line;
                continue;
            }

            var box = layout.Box(line.Number);
            var over = box is null ? null : HeadOver(box.Value, items, separators);
            Item target;
            if (over is not null)
            {
                target = over;
            }
            else if (box is { } own && Above(own, layout.Column(line.Number), placed) is { } stacked)
            {
                target = stacked;
            }
            else if (previous is not null && !(previous.Furniture && box is { } b && b.Y > page.Height * TopBand * 2.5)
                     && (previousLine is null || SameRegion(page, previousLine, line) || layout.GapAbove(line.Number) < 0 || previous.Head is null)
                     && !(box is { } outside && OutsideWideHead(previous, outside, layout)))
            {
                target = previous;
            }
            else
            {
                target = new Item { Confidence = 0.6, Furniture = box is { } top && page.Height is > 0 && top.Bottom < page.Height * TopBand * 2.5 };
                items.Add(target);
            }

            target.Body.Add(line);
            itemOf[line.Number] = target;
            Place(placed, layout, line, target);
            previous = target;
            previousLine = line;
        }

        return Segmenter.Guard(
            items.Where(i => i.Head is not null || i.Body.Count > 0)
                .Select(i => Build(i, lines, layout))
                .OrderBy(a => a.Blocks.Min(b => b.FirstLine))
                .ToList(),
            layout);
    }

    /// <summary>
    /// The item of the line directly above this one in its column (overlapping at least half the narrower width, or with this line
    /// indented under it (see <see cref="Indented"/>); not more than 2.5
    /// times as wide, less than 1.2 lines' height above): a column of text goes on under itself whatever order the file lists it in
    /// (Tesseract's blocks jump between columns).
    /// </summary>
    private static Item? Above(LineBox box, int column, Dictionary<(int Column, int Band), List<(LineBox Box, Item Item)>> placed)
    {
        Item? best = null;
        var bestBottom = int.MinValue;
        var lowest = box.Y - (int)Math.Ceiling(box.Height * 1.2);
        var highest = box.Y + box.Height / 2;
        for (var band = lowest >> BandShift; band <= highest >> BandShift; band++)
        {
            foreach (var (above, item) in placed.GetValueOrDefault((column, band)) ?? [])
            {
                if (above.Bottom > highest || above.Bottom <= bestBottom || above.Bottom < lowest || above.Width > box.Width * 2.5
                    || (LayoutProfile.Overlap(above, box) < 0.5 * Math.Min(above.Width, box.Width) && !Indented(above, box)))
                {
                    continue;
                }

                best = item;
                bestBottom = above.Bottom;
            }
        }

        return best?.Furniture == true ? null : best;
    }

    /// <summary>
    /// The line starts a paragraph indented under the short last line of the one before ("次。" over "　　下一步，…"): they do not
    /// overlap, yet are one column. Its start is right of the line above's, by at most <see cref="IndentLines"/> line heights, the smaller
    /// of the two (a box Tesseract ran across columns is tall, and may not reach for a credit line in the column beside it).
    /// </summary>
    private static bool Indented(LineBox above, LineBox box) => box.X > above.X && box.X - above.X <= IndentLines * Math.Min(above.Height, box.Height);

    private static void Place(Dictionary<(int Column, int Band), List<(LineBox Box, Item Item)>> placed, LayoutProfile layout, ClassifiedLine line, Item item)
    {
        if (layout.Box(line.Number) is not { } box)
        {
            return;
        }

        var key = (layout.Column(line.Number), box.Bottom >> BandShift);
        if (!placed.TryGetValue(key, out var list))
        {
            placed[key] = list = [];
        }

        list.Add((box, item));
    }

    /// <summary>Whether the line lies outside the columns of the item's headline when that headline spans more than one column.</summary>
    private static bool OutsideWideHead(Item item, LineBox box, LayoutProfile layout)
    {
        if (item.Head is not { } head || layout.ColumnWidth <= 0 || head.Right - head.Left < layout.ColumnWidth * 1.5)
        {
            return false;
        }

        var middle = box.X + box.Width / 2;
        return middle < head.Left || middle > head.Right;
    }

    private static bool SameRegion(SourcePage page, ClassifiedLine a, ClassifiedLine b) =>
        page.Line(a.Number).RegionId is { } region && region == page.Line(b.Number).RegionId;

    /// <summary>The nearest headline above the line whose width covers the line's middle, with no separator rule between them.</summary>
    private static Item? HeadOver(LineBox box, List<Item> items, List<LineBox> separators)
    {
        Item? best = null;
        var middle = box.X + box.Width / 2;
        foreach (var item in items)
        {
            if (item.Head is not { } head || head.Bottom > box.Y + box.Height / 2 || middle < head.Left || middle > head.Right)
            {
                continue;
            }

            if (best is null || head.Bottom > best.Head!.Bottom)
            {
                best = item;
            }
        }

        if (best is not null && separators.Any(s => s.Y >= best.Head!.Bottom && s.Bottom <= box.Y && s.X <= middle && s.Right >= middle))
        {
            return null;
        }

        return best;
    }

    /// <summary>
    /// Whether the separator runs through any of the line boxes (its middle row inside a box, overlapping it across):
    /// Tesseract reports strokes of characters and patterns in pictures as separators too (a Chinese page has a hundred or
    /// more), while a rule between articles lies in the white space between lines. <paramref name="byTop"/>: the boxes
    /// sorted by their top, none taller than <paramref name="tallest"/>.
    /// </summary>
    private static bool RunsThroughAny(LineBox separator, List<LineBox> byTop, int tallest)
    {
        var middle = separator.Y + separator.Height / 2.0;
        // The first box whose top is at or below the middle row; only boxes above it, up to the tallest line's height, can hold it.
        var (low, high) = (0, byTop.Count);
        while (low < high)
        {
            var mid = (low + high) / 2;
            (low, high) = byTop[mid].Y < middle ? (mid + 1, high) : (low, mid);
        }

        for (var i = low - 1; i >= 0 && byTop[i].Y > middle - tallest; i--)
        {
            if (middle < byTop[i].Bottom && LayoutProfile.Overlap(separator, byTop[i]) > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static double Strength(Head head)
    {
        if (head.Masthead)
        {
            return 0.9;
        }

        return head.Size >= 1.6 ? 0.95 : head.Size >= 1.4 ? 0.9 : 0.8;
    }

    private static List<Head> Heads(List<ClassifiedLine> text, LayoutProfile layout, SourcePage page)
    {
        var heads = new List<Head>();
        Head? current = null;
        LineBox last = default;
        var lastSize = 0.0;
        for (var i = 0; i < text.Count; i++)
        {
            var line = text[i];
            var box = layout.Box(line.Number)!.Value;
            if (!IsHeadline(line, layout, page))
            {
                if (current is not null && IsMoreHeadline(line, layout, last, box, lastSize))
                {
                    current.Add(line.Number, BlockRole.Headline, box);
                    last = box;
                    lastSize = layout.RelativeSize(line.Number);
                    continue;
                }

                current = null;
                continue;
            }

            var close = current is not null && box.Y - last.Bottom < last.Height * 0.9 && LayoutProfile.Overlap(last, box) > 0;
            if (!close)
            {
                current = new Head();
                heads.Add(current);
                if (i > 0 && !heads.Any(h => h.Lines.Any(p => p.Number == text[i - 1].Number)))
                {
                    if (IsKicker(text[i - 1], line, layout, box))
                    {
                        current.Add(text[i - 1].Number, BlockRole.Kicker, layout.Box(text[i - 1].Number)!.Value);
                    }
                    else if (layout.Box(text[i - 1].Number) is { } upper && IsMoreHeadline(text[i - 1], layout, upper, box, layout.RelativeSize(line.Number)))
                    {
                        current.Add(text[i - 1].Number, BlockRole.Headline, upper);
                    }
                }
            }

            current!.Add(line.Number, BlockRole.Headline, box);
            current.Size = Math.Max(current.Size, layout.RelativeSize(line.Number));
            current.Masthead = page.Height is > 0 && current.Top < page.Height * TopBand;
            last = box;
            lastSize = layout.RelativeSize(line.Number);
            if (i + 1 < text.Count && IsDeck(text[i + 1], layout, box, current))
            {
                var deck = text[i + 1];
                current.Add(deck.Number, BlockRole.Subheadline, layout.Box(deck.Number)!.Value);
                i++;
                current = null;
            }
        }

        return heads;
    }

    private static bool IsHeadline(ClassifiedLine line, LayoutProfile layout, SourcePage page)
    {
        if (!IsHeadText(line, layout) || line.Length == 0 || line.Length > (line.Latin ? 60 : 30))
        {
            return false;
        }

        var relative = layout.RelativeSize(line.Number);
        return relative >= LayoutProfile.HeadlineRatio
            || (page.Line(line.Number).RegionRole == BlockRole.Headline && relative >= 1.0 && !line.EndsSentence)
            || (layout.IsCentred(line.Number) && relative >= 0.8 && (Capitals(line) || line.LetterSpaced || relative >= 1.15) && line.Length <= (line.Latin ? 40 : 16));
    }

    /// <summary>Every letter a capital, at least four of them (VARIÉTÉS., CHAMBRE DES DÉPUTÉS.).</summary>
    private static bool Capitals(ClassifiedLine line) =>
        line.Latin && line.Content.Count(char.IsUpper) >= 4 && !line.Content.Any(char.IsLower);

    /// <summary>Running text that may be part of a heading: not a dateline, byline or other kind of line, and not a picture read as text.</summary>
    private static bool IsHeadText(ClassifiedLine line, LayoutProfile layout) => line.Kind == LineKind.Text && !layout.IsPictureText(line.Number);

    /// <summary>A short line directly above a headline, set smaller than it but not much smaller than body text.</summary>
    private static bool IsKicker(ClassifiedLine line, ClassifiedLine headline, LayoutProfile layout, LineBox headBox) =>
        IsHeadText(line, layout) && !line.EndsSentence && line.Length <= Math.Max(12, headline.Length)
        && layout.Box(line.Number) is { } box && headBox.Y - box.Bottom < box.Height * 0.8 && headBox.Y >= box.Bottom - box.Height / 2
        && LayoutProfile.Overlap(box, headBox) > 0
        && layout.RelativeSize(line.Number) >= KickerRatio && layout.RelativeSize(line.Number) < LayoutProfile.HeadlineRatio
        && layout.RelativeSize(line.Number) < layout.RelativeSize(headline.Number) * SameHeadline;

    /// <summary>
    /// A line directly above or below a headline's line and set nearly as large as it (<paramref name="neighbourSize"/>): more of
    /// the headline, not a kicker or deck. Box heights of one headline's lines differ by their ascenders and descenders ("Vote on
    /// harbor" over "dredging set for"). <paramref name="upper"/> and <paramref name="lower"/> are the two lines' boxes, top first.
    /// </summary>
    private static bool IsMoreHeadline(ClassifiedLine line, LayoutProfile layout, LineBox upper, LineBox lower, double neighbourSize) =>
        IsHeadText(line, layout) && !line.EndsSentence && line.Length > 0 && line.Length <= (line.Latin ? 60 : 30)
        && lower.Y - upper.Bottom < upper.Height * 0.9 && lower.Y >= upper.Bottom - upper.Height / 2 && LayoutProfile.Overlap(upper, lower) > 0
        && layout.RelativeSize(line.Number) >= 1.1 && layout.RelativeSize(line.Number) >= neighbourSize * SameHeadline;

    /// <summary>A line directly below a headline, set larger than body text but smaller than the headline: its deck.</summary>
    private static bool IsDeck(ClassifiedLine line, LayoutProfile layout, LineBox headBox, Head head) =>
        IsHeadText(line, layout) && layout.Box(line.Number) is { } box && box.Y - headBox.Bottom < headBox.Height * 0.9
        && LayoutProfile.Overlap(box, headBox) > 0
        && layout.RelativeSize(line.Number) >= 1.12 && layout.RelativeSize(line.Number) < head.Size * SameHeadline;

    private static SegmentArticle Build(Item item, IReadOnlyList<ClassifiedLine> lines, LayoutProfile layout)
    {
        var roles = new List<(int Line, BlockRole Role)>();
        if (item.Head is { } head)
        {
            roles.AddRange(head.Lines.OrderBy(p => p.Number).Select(p => (p.Number, item.Furniture ? BlockRole.Other : p.Role)));
        }

        var pictures = layout.Page.Graphics.Where(g => g.Kind == GraphicKind.Picture).Select(g => g.Box).ToList();
        foreach (var line in item.Body.OrderBy(l => l.Number))
        {
            roles.Add((line.Number, item.Furniture ? BlockRole.Other : RoleOf(line, layout, pictures)));
        }

        var title = item.Head is { } h && !item.Furniture
            ? Text.ArticleText.JoinLines(h.Lines.Where(p => p.Role == BlockRole.Headline).Select(p => TitleBuilder.Collapse(lines[p.Number - 1])))
            : "";
        return new SegmentArticle(title, ArticleAssembler.Merge(roles, lines), Math.Round(item.Confidence, 3));
    }

    private static BlockRole RoleOf(ClassifiedLine line, LayoutProfile layout, List<LineBox> pictures)
    {
        var role = line.Kind switch
        {
            LineKind.Dateline => line.BylineOnly ? BlockRole.Byline : BlockRole.Body,
            LineKind.ReporterByline => BlockRole.Byline,
            LineKind.PhotoCredit or LineKind.SourceCredit or LineKind.PageCredit => BlockRole.Credit,
            LineKind.ContinuedFrom or LineKind.ContinuedTo => BlockRole.Continuation,
            LineKind.SectionMarker => BlockRole.Subhead,
            LineKind.Furniture => BlockRole.Other,
            _ => BlockRole.Body,
        };
        if (role != BlockRole.Body)
        {
            return role;
        }

        var source = layout.Page.Line(line.Number);
        if (source.RegionRole is BlockRole.Caption or BlockRole.Credit or BlockRole.Other)
        {
            return source.RegionRole.Value;
        }

        if (layout.Box(line.Number) is { } box && pictures.Any(p => box.Y >= p.Bottom - 4 && box.Y - p.Bottom < box.Height * 2.5 && LayoutProfile.Overlap(p, box) > box.Width / 2))
        {
            return BlockRole.Caption;
        }

        return BlockRole.Body;
    }
}
