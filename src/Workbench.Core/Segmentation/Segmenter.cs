using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>
/// Splits a page into articles. Pure and deterministic: the same page gives the same articles.
/// <para>Steps: classify every line on its own (<see cref="LineClassifier"/>), find headline groups
/// (<see cref="HeadlineDetector"/>), cut the rest into runs and attach the headlines (<see cref="ArticleGrouper"/>),
/// then build blocks, roles, titles and confidences (<see cref="ArticleAssembler"/>).</para>
/// <para>Conventions: page furniture (扫一扫…) is an article of its own with role <c>other</c> and an empty title;
/// page-level credits (本版编辑…, 本版文图由…提供) are one article of role <c>credit</c> with an empty title;
/// an article without a printed headline (a news brief) has an empty title. Headline blocks come first in an
/// article's block list even when column OCR printed them after the body.</para>
/// </summary>
public static class Segmenter
{
    public static PageSegmentation Segment(SourcePage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var lines = LineClassifier.Classify(page);
        var layout = page.Format is SourceFormat.Alto or SourceFormat.PageXml or SourceFormat.Hocr ? LayoutProfile.Of(page) : null;
        if (layout is not null && LayoutSegmenter.Segment(lines, layout) is { } byLayout)
        {
            return new PageSegmentation(page, byLayout);
        }

        var profile = PageProfile.Of(lines);
        var heads = HeadlineDetector.Find(lines, profile, page.Format == SourceFormat.Markdown);
        var drafts = ArticleGrouper.Group(lines, heads);
        var articles = drafts.Select(d => ArticleAssembler.Build(d, lines)).ToList();
        return new PageSegmentation(page, Guard(articles, layout));
    }

    /// <summary>Lines over this many in one article mean a boundary was probably missed.</summary>
    private const int LongArticle = 150;

    /// <summary>
    /// An article holding several headline-sized lines in its body or several separate headlines, or very many lines, hides a missed boundary: its opening may be right, but the
    /// article is not, so it is never scored as sure (at most 0.5).
    /// </summary>
    public static IReadOnlyList<SegmentArticle> Guard(IReadOnlyList<SegmentArticle> articles, LayoutProfile? layout) =>
        articles.Select(a =>
        {
            var lines = a.Blocks.Sum(b => b.LastLine - b.FirstLine + 1);
            var headlinesInBody = layout is { HasLayout: true }
                ? a.Blocks.Where(b => b.Role is not (BlockRole.Headline or BlockRole.Kicker or BlockRole.Subheadline or BlockRole.Other))
                    .Sum(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1).Count(layout.IsHeadlineSized))
                : 0;
            var headlineBlocks = layout is { HasLayout: true }
                ? a.Blocks.Count(b => b.Role == BlockRole.Headline && Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1).Any(layout.IsHeadlineSized))
                : 0;
            return headlinesInBody >= 2 || headlineBlocks >= 2 || lines > LongArticle ? a with { Confidence = Math.Min(a.Confidence, 0.5) } : a;
        }).ToList();
}
