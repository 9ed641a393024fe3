namespace Workbench.Core.Segmentation;

/// <summary>Turns a draft article into blocks with roles, a title and its confidence.</summary>
internal static class ArticleAssembler
{
    /// <summary>A photo item is a headline, one short caption and a photo credit; its text is a caption, not a story.</summary>
    private const int MaxCaptionLength = 300;

    public static SegmentArticle Build(DraftArticle draft, IReadOnlyList<ClassifiedLine> lines)
    {
        var roles = new List<(int Line, BlockRole Role)>();
        if (draft.Head is not null)
        {
            roles.AddRange(draft.Head.Lines.Select(p => (p.Line.Number, p.Role)));
        }

        var lastText = draft.Body.LastOrDefault(l => l.Kind == LineKind.Text);
        var photoItem = draft.Body.Any(l => l.Kind == LineKind.PhotoCredit)
            && draft.Body.Where(l => l.Kind == LineKind.Text).Sum(l => l.Length) <= MaxCaptionLength
            && !draft.Body.SkipWhile(l => l.Kind != LineKind.PhotoCredit).Any(l => l.Kind == LineKind.Text);
        for (var i = 0; i < draft.Body.Count; i++)
        {
            var line = draft.Body[i];
            var role = RoleOf(line, draft.Kind, photoItem);

            // Inside a story, the text right above a photo credit is the picture's caption.
            if (role == BlockRole.Body && i + 1 < draft.Body.Count && draft.Body[i + 1].Kind == LineKind.PhotoCredit && line != lastText && lastText is not null)
            {
                role = BlockRole.Caption;
            }

            roles.Add((line.Number, role));
        }

        return new SegmentArticle(TitleBuilder.Title(draft.Head), Merge(roles, lines), Math.Round(draft.Confidence, 3));
    }

    private static BlockRole RoleOf(ClassifiedLine line, DraftKind kind, bool photoItem)
    {
        if (kind == DraftKind.Furniture)
        {
            return BlockRole.Other;
        }

        return line.Kind switch
        {
            LineKind.Dateline => line.BylineOnly ? BlockRole.Byline : BlockRole.Body,
            LineKind.ReporterByline => BlockRole.Byline,
            LineKind.PhotoCredit or LineKind.SourceCredit or LineKind.PageCredit => BlockRole.Credit,
            LineKind.ContinuedFrom or LineKind.ContinuedTo => BlockRole.Continuation,
            LineKind.MarkdownSection or LineKind.SectionMarker => BlockRole.Subhead,
            LineKind.MarkdownTitle => BlockRole.Headline,
            LineKind.Furniture => BlockRole.Other,
            _ => photoItem ? BlockRole.Caption : BlockRole.Body,
        };
    }

    /// <summary>
    /// Merges consecutive lines with one role into a block; a block may span blank lines but never another article's lines.
    /// Headline lines come first (reading order), then the rest in source order.
    /// </summary>
    internal static List<SegmentBlock> Merge(List<(int Line, BlockRole Role)> roles, IReadOnlyList<ClassifiedLine> lines)
    {
        var blocks = new List<SegmentBlock>();
        foreach (var (number, role) in roles)
        {
            if (blocks.Count > 0 && blocks[^1].Role == role && number > blocks[^1].LastLine && OnlyBlankBetween(blocks[^1].LastLine, number, lines))
            {
                blocks[^1] = blocks[^1] with { LastLine = number };
            }
            else
            {
                blocks.Add(new SegmentBlock(role, number, number));
            }
        }

        return blocks;
    }

    private static bool OnlyBlankBetween(int last, int next, IReadOnlyList<ClassifiedLine> lines)
    {
        for (var n = last + 1; n < next; n++)
        {
            if (!lines[n - 1].IsBlank)
            {
                return false;
            }
        }

        return true;
    }
}
