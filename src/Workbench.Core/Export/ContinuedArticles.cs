using Workbench.Core.Text;

namespace Workbench.Core.Export;

/// <summary>Joins the parts of an article continued over several pages into one exported article.</summary>
public static class ContinuedArticles
{
    /// <summary>What goes between two parts' texts: a line break, as between two lines of one article.</summary>
    public const char Separator = '\n';

    /// <summary>
    /// One article from <paramref name="parts"/> (in page order, with their keys on their pages): id <paramref name="id"/>,
    /// the first part's page and title, texts joined with <see cref="Separator"/>, entities shifted into the joined text
    /// (UTF-16, as every <see cref="ExportArticle"/>), blocks and lines in order, and <see cref="ExportArticle.Parts"/> with
    /// each part's code-point range. Status is the first part's when all agree, else "mixed"; annotators are merged.
    /// </summary>
    public static ExportArticle Join(string id, IReadOnlyList<(ExportArticle Article, int ArticleKey)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("A continued article has at least one part.", nameof(parts));
        }

        var text = new System.Text.StringBuilder();
        var entities = new List<ExportEntity>();
        var blocks = new List<ExportBlock>();
        var lines = new List<ExportLine>();
        var dropped = new List<ExportDrop>();
        var ranges = new List<ExportPart>();
        var annotators = new List<string>();
        var codePoints = 0;
        foreach (var (article, key) in parts)
        {
            if (text.Length > 0)
            {
                text.Append(Separator);
                codePoints++;
            }

            var offset = text.Length;
            text.Append(article.Text);
            var length = CodePoints.Count(article.Text);
            ranges.Add(new ExportPart(article.Id, article.Page, key, codePoints, codePoints + length));
            codePoints += length;
            entities.AddRange(article.Entities.Select(e => e with { Start = e.Start + offset, End = e.End + offset }));
            blocks.AddRange(article.Blocks);
            lines.AddRange(article.Lines.Select(l => l with { PageSource = l.PageSource ?? article.Page.Source }));
            dropped.AddRange(article.Dropped.Select(d => d with { ArticleId = id }));
            annotators.AddRange(article.Annotators.Where(a => !annotators.Contains(a, StringComparer.Ordinal)));
        }

        var first = parts[0].Article;
        var status = parts.All(p => string.Equals(p.Article.Status, first.Status, StringComparison.Ordinal)) ? first.Status : "mixed";
        var reviewer = parts.Select(p => p.Article.Reviewer).LastOrDefault(r => r is not null);
        return new ExportArticle(id, first.Page, first.Title, text.ToString(), entities, status, annotators, reviewer)
        {
            Blocks = blocks,
            Lines = lines,
            PageFormat = first.PageFormat,
            PageLineCount = first.PageLineCount,
            Dropped = dropped,
            Parts = ranges,
            ItemType = first.ItemType,
        };
    }
}
