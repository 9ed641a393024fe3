using Workbench.Core.Editing;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

public class FromSegmentationTests
{
    [Fact]
    public void FromSegmentation_KeepsEveryLineAndKeysArticlesInOrder()
    {
        var state = PageBuilder.Build(
            ["a", "", "b", "c", "d"],
            [(BlockRole.Headline, 1, 1), (BlockRole.Body, 3, 3)],
            [(BlockRole.Body, 4, 4)]);

        Assert.Equal(0, state.Version);
        Assert.Equal([1, 2, 3, 4, 5], state.Lines.Keys);
        Assert.All(state.Lines.Values, l => Assert.Equal(l.Original, l.Text));
        Assert.Equal("", state.Lines[2].Text);
        Assert.Equal([1, 2], state.Articles.Select(a => a.Key));
        Assert.All(state.Articles, a => Assert.Equal(ArticleStatus.Draft, a.Status));
        Assert.Equal(3, state.NextArticleKey);
        Assert.Equal(1, state.NextEntityKey);
        Assert.Empty(state.Entities);
        Assert.Null(state.ArticleOfLine(5));
        Assert.Equal(2, state.ArticleOfLine(4)!.Key);
    }

    [Fact]
    public void FromSegmentation_LineClaimedTwice_BelongsToTheFirstArticleOnly()
    {
        var state = PageBuilder.Build(["a", "b", "c"], [(BlockRole.Body, 1, 2)], [(BlockRole.Body, 2, 3)]);

        Assert.Equal([new BlockState(BlockRole.Body, 3, 3)], state.Articles[1].Blocks);
    }

    [Fact]
    public void FromSegmentation_CrlfSource_LinesHaveNoCarriageReturn()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("乌兰察布市\r\n徐振朋\r\n\r\nend\r\n");
        var page = PageReader.Read("crlf.txt", bytes);
        var state = PageStates.FromSegmentation(Segmenter.Segment(page));

        Assert.All(state.Lines.Values, l => Assert.DoesNotContain('\r', l.Text));
        Assert.Equal("徐振朋", state.Lines[2].Text);
    }

    [Fact]
    public void AreEquivalent_ComparesByValue()
    {
        var a = PageBuilder.Sample();
        var b = PageBuilder.Sample();

        Assert.NotEqual(a, b);
        Assert.True(PageStates.AreEquivalent(a, b));
        Assert.False(PageStates.AreEquivalent(a, a with { Version = 3 }));
        Assert.True(PageStates.AreEquivalent(a, a with { Version = 3, NextEntityKey = 9 }, includeVersionAndCounters: false));
    }
}
