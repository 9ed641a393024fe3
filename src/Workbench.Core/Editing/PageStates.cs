using System.Collections.Immutable;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Editing;

public static class PageStates
{
    /// <summary>The state of a freshly imported page: every source line, the segmenter's articles keyed 1..n, all drafts.</summary>
    public static PageState FromSegmentation(PageSegmentation segmentation)
    {
        var lines = segmentation.Page.Lines.ToImmutableSortedDictionary(l => l.Number, l => new LineState(l.Number, l.Text, l.Text));
        var articles = segmentation.Articles
            .Select((a, i) => new ArticleState(i + 1, a.Title, ArticleStatus.Draft, a.Blocks.Select(b => new BlockState(b.Role, b.FirstLine, b.LastLine)).ToImmutableList()))
            .ToImmutableList();
        return new PageState(0, lines, articles, [], articles.Count + 1, 1);
    }
}
