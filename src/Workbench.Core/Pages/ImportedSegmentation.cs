using Workbench.Core.Segmentation;
using Workbench.Core.Text;

namespace Workbench.Core.Pages;

/// <summary>
/// Builds a <see cref="PageSegmentation"/> from articles a file declares (METS, Transkribus) instead of guessing them.
/// Articles come in order of their first line, with Confidence 1.0 and <see cref="SegmentArticle.ExternalId"/> set.
/// A block is a run of lines of one article and role; the blank separator lines between two blocks are bridged when the
/// same article and role continue after them. Lines no article claims (other than the blank separators) go to one last
/// article with no ExternalId, an empty title and Confidence 0, so they are visible and flagged for review, never lost.
/// </summary>
internal static class ImportedSegmentation
{
    public static PageSegmentation Build(SourcePage page, IReadOnlyList<string?> articleOfLine, Func<string, string?> fallbackTitle, IReadOnlyList<BlockRole?>? roleOfLine = null)
    {
        var blocks = new Dictionary<string, List<SegmentBlock>>(StringComparer.Ordinal);
        var order = new List<string>();
        var other = new List<SegmentBlock>();
        for (var i = 0; i < page.Lines.Count; i++)
        {
            var line = page.Lines[i];
            var key = articleOfLine[i];
            List<SegmentBlock> target;
            if (key is null)
            {
                if (IsSeparator(line))
                {
                    continue;
                }

                target = other;
            }
            else
            {
                if (!blocks.TryGetValue(key, out target!))
                {
                    target = [];
                    blocks[key] = target;
                    order.Add(key);
                }
            }

            var role = roleOfLine?[i] ?? line.RegionRole ?? BlockRole.Body;
            if (target.Count > 0 && target[^1] is var last && last.Role == role
                && page.Lines.Skip(last.LastLine).Take(line.Number - last.LastLine - 1).All(IsSeparator))
            {
                target[^1] = last with { LastLine = line.Number };
            }
            else
            {
                target.Add(new SegmentBlock(role, line.Number, line.Number));
            }
        }

        var articles = order.Select(key => new SegmentArticle(Title(page, blocks[key]) ?? fallbackTitle(key) ?? "", blocks[key], 1.0) { ExternalId = key }).ToList();
        if (other.Count > 0)
        {
            articles.Add(new SegmentArticle("", other, 0.0));
        }

        return new PageSegmentation(page, articles);
    }

    /// <summary>The blank line a reader puts between two blocks (no region, no box).</summary>
    internal static bool IsSeparator(SourceLine line) => line.Text.Length == 0 && line.RegionId is null && line.Box is null;

    private static string? Title(SourcePage page, List<SegmentBlock> blocks)
    {
        var head = blocks.Where(b => b.Role == BlockRole.Headline)
            .SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1))
            .Select(n => page.Line(n).Text.Trim())
            .Where(t => t.Length > 0)
            .ToList();
        return head.Count == 0 ? null : ArticleText.JoinLines(head);
    }
}

/// <summary>
/// Layout lines no article claims. The segmenter reads text, so lines without text (a baseline-only PAGE file: layout ground truth)
/// end up in no article, and a line in no article can be neither segmented by hand nor exported. Those lines go to one last untitled
/// article with Confidence 0, flagged for review, as lines no declared article claims do (<see cref="ImportedSegmentation"/>).
/// </summary>
public static class UnclaimedLines
{
    /// <summary>
    /// <paramref name="segmentation"/> with one more article holding every line of a layout page (ALTO, PAGE, hOCR) that has a box or
    /// region and no article, unless there are none. Text and Markdown pages are returned as they are.
    /// </summary>
    public static PageSegmentation Keep(PageSegmentation segmentation)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        var page = segmentation.Page;
        if (page.Format is SourceFormat.Text or SourceFormat.Markdown)
        {
            return segmentation;
        }

        var claimed = segmentation.Articles.SelectMany(a => a.Blocks).SelectMany(b => Enumerable.Range(b.FirstLine, Math.Max(0, b.LastLine - b.FirstLine + 1))).ToHashSet();
        if (page.Lines.All(l => claimed.Contains(l.Number) || ImportedSegmentation.IsSeparator(l)))
        {
            return segmentation;
        }

        // Claimed lines stand in one placeholder article; the leftover article Build makes of the rest is the one wanted.
        var articleOfLine = page.Lines.Select(l => claimed.Contains(l.Number) ? "claimed" : null).ToList();
        var leftover = ImportedSegmentation.Build(page, articleOfLine, _ => null).Articles[^1];
        return segmentation with { Articles = [.. segmentation.Articles, leftover] };
    }
}
