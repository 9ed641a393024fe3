namespace Workbench.Core.Segmentation;

/// <summary>What a single source line is, judged on its own (before any grouping).</summary>
internal enum LineKind
{
    Blank,
    Text,
    MarkdownTitle,
    MarkdownSection,
    Dateline,
    ReporterByline,
    PhotoCredit,
    SourceCredit,
    PageCredit,
    ContinuedFrom,
    ContinuedTo,
    Furniture,
    SectionMarker,
}

/// <summary>One classified line. <see cref="Content"/> is the trimmed text without Markdown heading marks.</summary>
internal sealed record ClassifiedLine(int Number, string Text, LineKind Kind, string Content)
{
    /// <summary>Letters and ideographs, without spaces (a letter-spaced headline counts its characters once).</summary>
    public int Length { get; init; }

    public bool Indented { get; init; }

    public bool LetterSpaced { get; init; }

    public bool AllCaps { get; init; }

    public bool TitleCase { get; init; }

    public bool Latin { get; init; }

    /// <summary>No commas, full stops or semicolons and not too long: could be (part of) a headline.</summary>
    public bool HeadlineShaped { get; init; }

    public bool EndsSentence { get; init; }

    /// <summary>A sentence ends inside the line and another begins after it ("…建议93条。活动学校…", "…welcomed the plan. Residents…"): running text.</summary>
    public bool SentenceInside { get; init; }

    /// <summary>The line closes an item: a trailing credit （…供稿）, a brief's author （王哲）, a jump line 下转第2版.</summary>
    public bool EndsArticle { get; init; }

    /// <summary>A byline line with nothing else on it (本报 7月 11日讯 （记者 宋爽））.</summary>
    public bool BylineOnly { get; init; }

    public int HeadingLevel { get; init; }

    /// <summary>Starts with a dash (——访…): a subheadline when it sits under a headline.</summary>
    public bool DashLead { get; init; }

    public bool IsBlank => Kind == LineKind.Blank;

    public bool IsByline => Kind is LineKind.Dateline or LineKind.ReporterByline;

    public bool IsCredit => Kind is LineKind.PhotoCredit or LineKind.SourceCredit or LineKind.PageCredit;

    /// <summary>Letter-spacing, ALL CAPS or Title Case: typography that only headlines use.</summary>
    public bool StrongHeadline => HeadlineShaped && (LetterSpaced || AllCaps || TitleCase);
}

/// <summary>Line-length statistics of a page: column OCR (short lines) or paragraph text (one paragraph a line).</summary>
internal sealed record PageProfile(bool ColumnOcr, int MedianLength, int LongLength)
{
    public static PageProfile Of(IReadOnlyList<ClassifiedLine> lines)
    {
        var text = lines.Where(l => l.Kind == LineKind.Text).ToList();
        if (text.Count == 0)
        {
            return new PageProfile(false, 0, 0);
        }

        var lengths = text.Select(l => l.Length).Order().ToList();
        var median = lengths[lengths.Count / 2];
        var longLength = lengths[Math.Min(lengths.Count - 1, lengths.Count * 3 / 4)];
        var latin = text.Count(l => l.Latin) * 2 > text.Count;
        var columnLimit = latin ? 45 : 24;
        return new PageProfile(median <= columnLimit, median, longLength);
    }
}
