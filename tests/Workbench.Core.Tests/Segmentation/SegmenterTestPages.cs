using System.Text;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>Helpers for segmenter tests on small made-up pages.</summary>
internal static class SegmenterTestPages
{
    public static PageSegmentation Segment(string text, SourceFormat format = SourceFormat.Text) =>
        Segmenter.Segment(PageReader.Read("test.txt", Encoding.UTF8.GetBytes(text), format));

    /// <summary>The article holding source line <paramref name="number"/>.</summary>
    public static SegmentArticle ArticleAt(this PageSegmentation segmentation, int number) =>
        segmentation.Articles.Single(a => a.Blocks.Any(b => b.FirstLine <= number && number <= b.LastLine));

    public static BlockRole RoleAt(this PageSegmentation segmentation, int number) =>
        segmentation.Articles.SelectMany(a => a.Blocks).Single(b => b.FirstLine <= number && number <= b.LastLine).Role;

    public static int LineOf(this PageSegmentation segmentation, string fragment) =>
        segmentation.Page.Lines.First(l => l.Text.Contains(fragment, StringComparison.Ordinal)).Number;

    public static SegmentArticle ArticleWith(this PageSegmentation segmentation, string fragment) =>
        segmentation.ArticleAt(segmentation.LineOf(fragment));

    public static BlockRole RoleOf(this PageSegmentation segmentation, string fragment) =>
        segmentation.RoleAt(segmentation.LineOf(fragment));
}
