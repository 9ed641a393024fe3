using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>Bylines, credits and jump lines, in the house styles of Chinese papers.</summary>
public class SegmenterBylineTests
{
    private const string Body = "某地开展了夏季安全生产大检查，排查隐患百余处。";

    [Theory]
    [InlineData("本报讯(记者 张三)近日，")]
    [InlineData("●本报记者 张三")]
    [InlineData("●本报实习记者 张三")]
    [InlineData("本报呼和浩特7月11日讯 （记者 张三）")]
    [InlineData("本报 7月 11日讯 （记者 张三）")]
    [InlineData("本报某市7月 11日电 近日，")]
    [InlineData("新华社北京3月5日电 近日，")]
    public void Segmenter_StartsNewArticleAtByline(string byline)
    {
        var text = $"""
            {Body}

            {byline}
            {Body}
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Equal(2, segmentation.Articles.Count);
        Assert.True(segmentation.Articles[1].Confidence >= 0.95);
        Assert.Equal(3, segmentation.Articles[1].Blocks[0].FirstLine);
    }

    [Theory]
    [InlineData("●本报记者 张三", BlockRole.Byline)]
    [InlineData("本报 7月 11日讯 （记者 张三）", BlockRole.Byline)]
    [InlineData("本报某市7月11日电 近日，某地开展了", BlockRole.Body)]
    [InlineData("By Jane Morrow", BlockRole.Byline)]
    public void Segmenter_GivesBylineLineBylineRoleOnlyWhenItHoldsNoStoryText(string line, BlockRole role)
    {
        var segmentation = SegmenterTestPages.Segment($"{line}\n{Body}\n");
        Assert.Equal(role, segmentation.RoleAt(1));
    }

    [Theory]
    [InlineData("■本报记者 张三 摄")]
    [InlineData("（某市科协供稿）")]
    [InlineData("本图文均由某市融媒体中心提供")]
    [InlineData("本版编辑:王一 李二 美编:赵三")]
    [InlineData("本版文图由某日报记者 张三 李四提供")]
    [InlineData("Photo by Sam Lee")]
    public void Segmenter_GivesCreditLineCreditRole(string credit)
    {
        var segmentation = SegmenterTestPages.Segment($"{Body}\n\n{credit}\n");
        Assert.Equal(BlockRole.Credit, segmentation.RoleAt(3));
    }

    [Fact]
    public void Segmenter_KeepsPageCreditsTogetherInOneArticle()
    {
        var segmentation = SegmenterTestPages.Segment($"{Body}\n\n本版文图由某日报记者 张三提供\n\n本版编辑:王一 美编:赵三\n");
        Assert.Same(segmentation.ArticleAt(3), segmentation.ArticleAt(5));
        Assert.NotSame(segmentation.ArticleAt(1), segmentation.ArticleAt(3));
    }

    [Theory]
    [InlineData("■上接第2版", 1)]
    [InlineData("（下转第3版）", 2)]
    [InlineData("Continued on Page 4", 2)]
    public void Segmenter_GivesJumpLineContinuationRole(string jump, int lineNumber)
    {
        var text = lineNumber == 1 ? $"{jump}\n{Body}\n" : $"{Body}\n{jump}\n";
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Equal(BlockRole.Continuation, segmentation.RoleAt(lineNumber));
    }

    [Fact]
    public void Segmenter_EndsArticleAtContinuedOnLine()
    {
        var segmentation = SegmenterTestPages.Segment($"{Body}\n（下转第3版）\n\n{Body}\n");
        Assert.Equal(2, segmentation.Articles.Count);
    }
}
