using Workbench.Core.Text;

namespace Workbench.Core.Tests.Text;

public class ArticleTextTests
{
    [Fact]
    public void JoinLines_PutsNoSpaceBetweenCjkAcrossLineBreak()
    {
        Assert.Equal("近年来，患病率不断上升，调查结果显示", ArticleText.JoinLines(["近年来，患病率不断", "上升，调查结果显示"]));
    }

    [Fact]
    public void JoinLines_PutsOneSpaceBetweenLatinWords()
    {
        Assert.Equal("The city council voted on Tuesday", ArticleText.JoinLines(["The city council ", "  voted on Tuesday"]));
    }

    [Fact]
    public void JoinLines_RemovesHyphenOfWordBrokenAtLineEnd()
    {
        Assert.Equal("The information presented", ArticleText.JoinLines(["The infor-", "mation presented"]));
    }

    [Fact]
    public void JoinLines_RemovesSoftHyphenAtLineEnd()
    {
        Assert.Equal("information", ArticleText.JoinLines(["infor\u00AD", "mation"]));
    }

    [Fact]
    public void JoinLines_KeepsHyphenBeforeCapitalisedContinuation()
    {
        Assert.Equal("Anglo-Saxon", ArticleText.JoinLines(["Anglo-", "Saxon"]));
    }

    [Fact]
    public void JoinLines_KeepsSurrogatePairsWhole()
    {
        Assert.Equal("𠀀𠀁𠀂", ArticleText.JoinLines(["𠀀𠀁", "𠀂"]));
        Assert.Equal("smile 😀 now", ArticleText.JoinLines(["smile 😀", "now"]));
        Assert.Equal("汉字𠀀😀", ArticleText.JoinLines(["汉字", "𠀀😀"]));
    }

    [Fact]
    public void JoinLines_BreaksParagraphAtBlankLineOnlyAfterSentenceEnd()
    {
        Assert.Equal("第一段结束。\n第二段", ArticleText.JoinLines(["第一段结束。", "", "第二段"]));
        Assert.Equal("句子跨空行继续", ArticleText.JoinLines(["句子跨空行", "", "继续"]));
    }
}
