using Workbench.Core.Pages;

namespace Workbench.Core.Segmentation;

/// <summary>Splits a page into articles. Pure and deterministic: the same page gives the same articles.</summary>
public static class Segmenter
{
    public static PageSegmentation Segment(SourcePage page)
    {
        var articles = new List<SegmentArticle>();
        var start = 0;
        var title = "";
        var blocks = new List<SegmentBlock>();
        foreach (var line in page.Lines)
        {
            if (page.Format == SourceFormat.Markdown && line.Text.StartsWith("# ", StringComparison.Ordinal))
            {
                if (blocks.Count > 0)
                {
                    articles.Add(new SegmentArticle(title, blocks));
                }

                title = line.Text[2..].Trim();
                blocks = [new SegmentBlock(BlockRole.Headline, line.Number, line.Number)];
                start = line.Number + 1;
            }
            else if (line.IsBlank && line.Number > 1 && start <= line.Number - 1 && !page.Line(line.Number - 1).IsBlank)
            {
                blocks.Add(new SegmentBlock(BlockRole.Body, start, line.Number - 1));
                start = line.Number + 1;
            }
            else if (line.IsBlank)
            {
                start = line.Number + 1;
            }
        }

        if (start <= page.Lines.Count)
        {
            blocks.Add(new SegmentBlock(BlockRole.Body, start, page.Lines.Count));
        }

        if (blocks.Count > 0)
        {
            articles.Add(new SegmentArticle(title, blocks));
        }

        return new PageSegmentation(page, articles);
    }
}
