namespace Workbench.Core.Segmentation;

/// <summary>A headline group: optional kicker, headline lines, optional subheadline. <see cref="Strength"/> is how sure we are it opens an article.</summary>
internal sealed record HeadBlock(IReadOnlyList<(ClassifiedLine Line, BlockRole Role)> Lines, double Strength, bool Markdown)
{
    public int FirstLine => Lines[0].Line.Number;

    public int LastLine => Lines[^1].Line.Number;
}

/// <summary>
/// Finds headline groups. Markdown: <c>#</c> headings, plus a plain title line confirmed by a byline under it.
/// Plain text: letter-spaced / ALL CAPS / Title Case lines, lines confirmed by a dash subheadline or a byline,
/// and short unpunctuated lines standing alone after a finished sentence (weak).
/// A headline never starts inside a paragraph: the line before it must end a sentence or an item.
/// </summary>
internal static class HeadlineDetector
{
    public static IReadOnlyList<HeadBlock> Find(IReadOnlyList<ClassifiedLine> lines, PageProfile profile, bool markdown)
    {
        var nonBlank = lines.Where(l => !l.IsBlank).ToList();
        var used = new HashSet<int>();
        var blocks = new List<HeadBlock>();
        for (var i = 0; i < nonBlank.Count; i++)
        {
            var block = markdown ? MarkdownBlock(nonBlank, i, used) : StrongOrConfirmedBlock(nonBlank, i, used);
            Add(block);
        }

        for (var i = 0; i < nonBlank.Count && !markdown; i++)
        {
            Add(WeakBlock(nonBlank, i, used, profile));
        }

        return blocks.OrderBy(b => b.FirstLine).ToList();

        void Add(HeadBlock? block)
        {
            if (block is null)
            {
                return;
            }

            blocks.Add(block);
            foreach (var (line, _) in block.Lines)
            {
                used.Add(line.Number);
            }
        }
    }

    private static HeadBlock? MarkdownBlock(List<ClassifiedLine> nb, int i, HashSet<int> used)
    {
        var line = nb[i];
        if (used.Contains(line.Number))
        {
            return null;
        }

        if (line.Kind == LineKind.MarkdownTitle)
        {
            var parts = new List<(ClassifiedLine, BlockRole)>();
            if (i > 0 && IsKicker(nb, i - 1, used, line))
            {
                parts.Add((nb[i - 1], BlockRole.Kicker));
            }

            parts.Add((line, BlockRole.Headline));
            if (i + 1 < nb.Count && (nb[i + 1].Kind == LineKind.MarkdownSection || IsDashSubheadline(nb[i + 1])))
            {
                parts.Add((nb[i + 1], BlockRole.Subheadline));
            }

            return new HeadBlock(parts, 0.97, Markdown: true);
        }

        var confirmed = i + 1 < nb.Count && nb[i + 1].IsByline;
        return line.Kind == LineKind.Text && Plain(line) && confirmed && Finished(nb, i, used) && Balanced([line])
            ? new HeadBlock([(line, BlockRole.Headline)], 0.9, Markdown: false)
            : null;
    }

    private static bool IsKicker(List<ClassifiedLine> nb, int k, HashSet<int> used, ClassifiedLine title) =>
        nb[k].Kind == LineKind.Text && Plain(nb[k]) && !used.Contains(nb[k].Number)
        && nb[k].Length * 2 <= Math.Max(title.Length, 8) && Finished(nb, k, used);

    private static HeadBlock? StrongOrConfirmedBlock(List<ClassifiedLine> nb, int i, HashSet<int> used)
    {
        var seed = nb[i];
        if (used.Contains(seed.Number) || seed.Kind != LineKind.Text || !Plain(seed))
        {
            return null;
        }

        int first = i, last = i;
        if (seed.StrongHeadline)
        {
            while (first > 0 && last - first < 2 && Adjacent(nb[first - 1], nb[first]) && Plain(nb[first - 1]) && !used.Contains(nb[first - 1].Number)
                   && (first - 1 == 0 || !Adjacent(nb[first - 2], nb[first - 1]) || nb[first - 1].StrongHeadline))
            {
                first--;
            }

            while (last + 1 < nb.Count && last - first < 2 && Adjacent(nb[last], nb[last + 1]) && Plain(nb[last + 1])
                   && (last + 2 >= nb.Count || !Adjacent(nb[last + 1], nb[last + 2]) || nb[last + 1].StrongHeadline))
            {
                last++;
            }
        }

        var group = nb.GetRange(first, last - first + 1);
        var hasSubheadline = last + 1 < nb.Count && IsDashSubheadline(nb[last + 1]);
        var bylineBelow = last + 1 < nb.Count && nb[last + 1].IsByline;
        var edge = first == 0 || !Adjacent(nb[first - 1], nb[first]) || last + 1 >= nb.Count || !Adjacent(nb[last], nb[last + 1]) || bylineBelow;
        if (!Balanced(group) || !edge)
        {
            return null;
        }

        // A short banner alone at the top of the page (a greeting, a slogan) does not make the headline under it a continuation.
        var finished = Finished(nb, first, used) || (first == 1 && !Adjacent(nb[0], nb[1]) && nb[0].HeadlineShaped)
            || (group.Count == 1 && first > 0 && bylineBelow && Adjacent(nb[first - 1], nb[first]) && IsKicker(nb, first - 1, used, seed));
        double strength;
        if (hasSubheadline)
        {
            strength = 0.92;
        }
        else if (seed.StrongHeadline && finished)
        {
            strength = 0.85;
        }
        else if (bylineBelow && finished)
        {
            strength = 0.9;
        }
        else
        {
            return null;
        }

        var parts = group.Select((l, n) => (l, RoleInGroup(group, n))).ToList();
        if (group.Count == 1 && first > 0 && IsKicker(nb, first - 1, used, seed))
        {
            // A short line directly above the headline, after a finished paragraph: its kicker.
            parts.Insert(0, (nb[first - 1], BlockRole.Kicker));
        }

        if (hasSubheadline)
        {
            parts.Add((nb[last + 1], BlockRole.Subheadline));
        }

        return new HeadBlock(parts, strength, Markdown: false);
    }

    private static HeadBlock? WeakBlock(List<ClassifiedLine> nb, int i, HashSet<int> used, PageProfile profile)
    {
        var line = nb[i];
        if (used.Contains(line.Number) || line.Kind != LineKind.Text || !Plain(line) || !Balanced([line]) || !Finished(nb, i, used))
        {
            return null;
        }

        var blankBefore = i == 0 || !Adjacent(nb[i - 1], line);
        var blankAfter = i + 1 >= nb.Count || !Adjacent(line, nb[i + 1]);
        var continued = i + 1 < nb.Count && ContinuesSentence(nb[i + 1]);
        if (continued)
        {
            return null;
        }

        if (i == 0)
        {
            // The page start is a sure boundary; the question is only whether this first line is a title.
            return line.Indented || blankAfter ? new HeadBlock([(line, BlockRole.Headline)], 0.95, Markdown: false) : null;
        }

        var shortLine = !profile.ColumnOcr && line.Length * 2 <= Math.Max(profile.LongLength, 12);
        return blankBefore && (line.Indented || (shortLine && blankAfter))
            ? new HeadBlock([(line, BlockRole.Headline)], 0.6, Markdown: false)
            : null;
    }

    /// <summary>
    /// The line carries on a sentence instead of opening a paragraph: it starts with punctuation, a lower-case Latin
    /// letter, or a one-character clause (后，将…): the short line above it was the end of a broken paragraph line, not a headline.
    /// </summary>
    internal static bool ContinuesSentence(ClassifiedLine next)
    {
        var text = next.Content;
        if (text.Length == 0 || next.Kind != LineKind.Text)
        {
            return false;
        }

        if (char.IsLower(text[0]) || "，。、：；）”,.;:)".Contains(text[0], StringComparison.Ordinal))
        {
            return true;
        }

        var comma = text.IndexOfAny(['，', ',', '、']);
        return comma == 1;
    }

    /// <summary>The first line of a multi-line group is a kicker when it is at most half as long as the headline under it.</summary>
    private static BlockRole RoleInGroup(List<ClassifiedLine> group, int n) =>
        n == 0 && group.Count > 1 && group[0].Length * 2 <= group.Skip(1).Max(l => l.Length)
            ? BlockRole.Kicker
            : BlockRole.Headline;

    private static bool Plain(ClassifiedLine line) =>
        line.HeadlineShaped && !line.EndsSentence && !line.EndsArticle && !IsDashSubheadline(line);

    private static bool IsDashSubheadline(ClassifiedLine line) => line.DashLead;

    private static bool Adjacent(ClassifiedLine a, ClassifiedLine b) => b.Number == a.Number + 1;

    /// <summary>The line before index <paramref name="i"/> ends a sentence or an item, or there is none: a headline can start here.</summary>
    private static bool Finished(List<ClassifiedLine> nb, int i, HashSet<int> used)
    {
        if (i == 0)
        {
            return true;
        }

        var prev = nb[i - 1];
        return prev.EndsSentence || prev.EndsArticle || prev.IsCredit || used.Contains(prev.Number)
            || prev.Kind is LineKind.Furniture or LineKind.ContinuedTo or LineKind.MarkdownTitle or LineKind.MarkdownSection or LineKind.SectionMarker;
    }

    private static bool Balanced(IEnumerable<ClassifiedLine> group)
    {
        var text = string.Concat(group.Select(l => l.Content));
        return Count(text, '“') == Count(text, '”') && Count(text, '《') == Count(text, '》')
            && Count(text, '（') + Count(text, '(') == Count(text, '）') + Count(text, ')');
    }

    private static int Count(string text, char c) => text.Count(x => x == c);
}
