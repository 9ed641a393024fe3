namespace Workbench.Core.Segmentation;

internal enum DraftKind
{
    Story,
    Furniture,
    PageCredits,
}

/// <summary>An article before its blocks are built: its headline group (if any), its other lines, and its opening confidence.</summary>
internal sealed record DraftArticle(DraftKind Kind, HeadBlock? Head, IReadOnlyList<ClassifiedLine> Body, double Confidence);

/// <summary>
/// Cuts the page into runs of body lines and attaches headline groups to them.
/// A run ends at a headline group, after a line that closes an item (trailing credit, a brief's author, a jump line,
/// a photo credit), before a dateline or reporter byline, and around page furniture and page credits.
/// A headline group goes to the run after it unless that run is not there or the run before it still lacks a headline
/// and shares more words with it: column OCR often prints the headline after its body.
/// </summary>
internal static class ArticleGrouper
{
    private const double AfterItemEnd = 0.85;
    private const double AtByline = 0.95;
    private const double AtPageStart = 0.95;

    private sealed class Item
    {
        public DraftKind Kind { get; init; }

        public HeadBlock? Head { get; set; }

        public bool IsHeadItem { get; init; }

        public List<ClassifiedLine> Lines { get; } = [];

        public double Opening { get; set; }
    }

    public static IReadOnlyList<DraftArticle> Group(IReadOnlyList<ClassifiedLine> lines, IReadOnlyList<HeadBlock> heads)
    {
        var items = Cut(lines, heads);
        Attach(items);
        return Build(items);
    }

    private static List<Item> Cut(IReadOnlyList<ClassifiedLine> lines, IReadOnlyList<HeadBlock> heads)
    {
        var headAt = heads.ToDictionary(h => h.FirstLine);
        var items = new List<Item>();
        Item? run = null;
        var boundary = AtPageStart;
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.IsBlank)
            {
                continue;
            }

            if (headAt.TryGetValue(line.Number, out var head))
            {
                Close(head.Strength);
                items.Add(new Item { IsHeadItem = true, Head = head, Opening = head.Strength });
                n = head.LastLine - 1;
                continue;
            }

            switch (line.Kind)
            {
                case LineKind.Furniture:
                    Close(AfterItemEnd);
                    var furniture = new Item { Kind = DraftKind.Furniture, Opening = AfterItemEnd };
                    furniture.Lines.Add(line);
                    while (n + 1 < lines.Count && lines[n + 1].Kind == LineKind.Text && lines[n + 1].Length <= 8 && !lines[n + 1].EndsSentence)
                    {
                        furniture.Lines.Add(lines[++n]);
                    }

                    items.Add(furniture);
                    continue;
                case LineKind.PageCredit:
                    Close(AfterItemEnd);
                    if (items.Count == 0 || items[^1].Kind != DraftKind.PageCredits)
                    {
                        items.Add(new Item { Kind = DraftKind.PageCredits, Opening = AfterItemEnd });
                    }

                    items[^1].Lines.Add(line);
                    continue;
                case LineKind.ContinuedFrom:
                    Close(AtByline);
                    break;
                case LineKind.Dateline or LineKind.ReporterByline when run is not null && run.Lines.Any(l => !l.IsByline):
                    Close(AtByline);
                    break;
            }

            if (run is null)
            {
                run = new Item { Kind = DraftKind.Story, Opening = boundary };
                items.Add(run);
            }

            run.Lines.Add(line);
            if (line.EndsArticle && (line.Kind != LineKind.PhotoCredit || run.Lines.Any(l => l.Kind == LineKind.Text)) && !FeatureGoesOn(lines, n, run, headAt))
            {
                Close(AfterItemEnd);
            }
        }

        return items;

        void Close(double next)
        {
            run = null;
            boundary = next;
        }
    }

    /// <summary>
    /// A photo credit inside a feature: the story had body text before its picture's caption, and plain body text (not a headline,
    /// byline or credit) follows the credit, so the story goes on after the picture.
    /// </summary>
    private static bool FeatureGoesOn(IReadOnlyList<ClassifiedLine> lines, int n, Item run, Dictionary<int, HeadBlock> headAt)
    {
        if (lines[n].Kind != LineKind.PhotoCredit || run.Lines.Count(l => l.Kind == LineKind.Text) < 2)
        {
            return false;
        }

        var next = lines.Skip(n + 1).FirstOrDefault(l => !l.IsBlank);
        return next is { Kind: LineKind.Text, HeadlineShaped: false } && !headAt.ContainsKey(next.Number);
    }

    private static void Attach(List<Item> items)
    {
        // Column OCR prints a page's headlines after their bodies or before them, the same way across the page: where shared words
        // say which, a headline that shares none with either neighbour goes the way most of the page's headlines go.
        // Each headline is compared with its neighbours' bodies in both passes: their grams and text are made once.
        var grams = new Dictionary<HeadBlock, HashSet<string>>(ReferenceEqualityComparer.Instance);
        var texts = new Dictionary<Item, string>(ReferenceEqualityComparer.Instance);
        int Overlap(HeadBlock head, Item body)
        {
            if (!grams.TryGetValue(head, out var headGrams))
            {
                grams[head] = headGrams = TitleBuilder.HeadGrams(head);
            }

            if (!texts.TryGetValue(body, out var bodyText))
            {
                texts[body] = bodyText = TitleBuilder.BodyText(body.Lines);
            }

            return TitleBuilder.Overlap(headGrams, bodyText);
        }

        int backwardByWords = 0, forwardByWords = 0;
        for (var k = 0; k < items.Count; k++)
        {
            if (items[k].IsHeadItem && !items[k].Head!.Markdown && k > 0 && k + 1 < items.Count
                && items[k - 1] is { Kind: DraftKind.Story, IsHeadItem: false } before && items[k + 1] is { Kind: DraftKind.Story, IsHeadItem: false } after)
            {
                var back = Overlap(items[k].Head!, before);
                var forward = Overlap(items[k].Head!, after);
                backwardByWords += back > forward ? 1 : 0;
                forwardByWords += forward > back ? 1 : 0;
            }
        }

        var tiesGoBack = backwardByWords > forwardByWords;
        for (var k = 0; k < items.Count; k++)
        {
            if (!items[k].IsHeadItem)
            {
                continue;
            }

            var head = items[k].Head!;
            var prev = k > 0 && items[k - 1] is { Kind: DraftKind.Story, IsHeadItem: false } p ? p : null;
            var next = k + 1 < items.Count && items[k + 1] is { Kind: DraftKind.Story, IsHeadItem: false, Head: null } x ? x : null;
            var backward = !head.Markdown && prev is { Head: null }
                && (next is null || Overlap(head, prev) is var back && Overlap(head, next) is var forward
                    && (back > forward || (back == forward && tiesGoBack)));
            var target = backward ? prev : next;
            if (target is null)
            {
                continue;
            }

            target.Head = head;
            items[k].Head = null;
            if (backward)
            {
                // The headline closes the article above it; whatever follows opens on that boundary.
                if (next is not null)
                {
                    next.Opening = Math.Max(next.Opening, head.Strength * 0.95);
                }
            }
            else
            {
                target.Opening = Math.Max(target.Opening, head.Strength);
            }
        }
    }

    private static List<DraftArticle> Build(List<Item> items)
    {
        var drafts = new List<DraftArticle>();
        foreach (var item in items)
        {
            if (item.IsHeadItem && item.Head is null)
            {
                continue;
            }

            var confidence = drafts.Count == 0 ? Math.Max(item.Opening, AtPageStart) : item.Opening;
            if (item.Lines.Count > 0 && item.Lines[0].IsByline)
            {
                confidence = Math.Max(confidence, AtByline);
            }

            drafts.Add(new DraftArticle(item.Kind, item.Head, item.Lines, Math.Clamp(confidence, 0, 1)));
        }

        return drafts;
    }
}
