using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>Markdown pages: # starts an article, ##/### are sections inside it, a plain title over a byline starts one too.</summary>
public class SegmenterMarkdownTests
{
    private const string Page = """
        # 某市科技创新成果丰硕

        ## 五年来新增国家级平台12个

        ●本报记者 张三

        某市以科技兴市行动为统领，推动科技创新实力实现跨越。

        ## 核心指标跨越增长

        创新主体量质齐升。培育科技标杆企业23家。

        ### 平台建设成果丰硕
        ### 服务体系日益完善

        新增自治区级创新平台260个。

        # 某条例将于明年起施行

        本报讯(记者 李四)近日，某条例表决通过，将于明年1月1日起正式施行。

        # 大手牵小手 文化进社区

        近日，某社区联合辖区小学举办了非遗主题活动，学生们体验了剪纸和书法。

        ■本报记者 王五 摄

        某社区：精准治理 构建幸福生活圈

        ●本报记者 赵六

        ## 群众教育

        某社区依托群众教育实践活动，打造党建平台。
        """;

    private static PageSegmentation Segment() => SegmenterTestPages.Segment(Page, SourceFormat.Markdown);

    [Fact]
    public void Segmenter_StartsArticleAtMarkdownTitle()
    {
        var segmentation = Segment();
        Assert.Equal(4, segmentation.Articles.Count);
        Assert.Equal("某市科技创新成果丰硕", segmentation.Articles[0].Title);
        Assert.Equal("某条例将于明年起施行", segmentation.Articles[1].Title);
    }

    [Fact]
    public void Segmenter_MarksMarkdownSubtitleUnderTitleAsSubheadline()
    {
        Assert.Equal(BlockRole.Subheadline, Segment().RoleOf("## 五年来"));
    }

    [Fact]
    public void Segmenter_KeepsMarkdownSectionsInsideArticleAsSubheads()
    {
        var segmentation = Segment();
        Assert.Same(segmentation.Articles[0], segmentation.ArticleWith("## 核心指标"));
        Assert.Equal(BlockRole.Subhead, segmentation.RoleOf("## 核心指标"));
    }

    [Fact]
    public void Segmenter_KeepsTwoLineSubheadInsideArticle()
    {
        var segmentation = Segment();
        Assert.Same(segmentation.Articles[0], segmentation.ArticleWith("### 服务体系"));
        Assert.Same(segmentation.Articles[0], segmentation.ArticleWith("新增自治区级"));
        Assert.Equal(BlockRole.Subhead, segmentation.RoleOf("### 平台建设"));
        Assert.Equal(BlockRole.Subhead, segmentation.RoleOf("### 服务体系"));
    }

    [Fact]
    public void Segmenter_StartsArticleAtPlainTitleFollowedByByline()
    {
        var segmentation = Segment();
        var article = segmentation.ArticleWith("构建幸福生活圈");
        Assert.Equal("某社区：精准治理 构建幸福生活圈", article.Title);
        Assert.Same(article, segmentation.ArticleWith("●本报记者 赵六"));
        Assert.NotSame(article, segmentation.ArticleWith("■本报记者 王五 摄"));
    }

    [Fact]
    public void Segmenter_MakesPhotoItemCaptionAndCredit()
    {
        var segmentation = Segment();
        var photo = segmentation.ArticleWith("非遗主题活动");
        Assert.Equal("大手牵小手 文化进社区", photo.Title);
        Assert.Equal(BlockRole.Caption, segmentation.RoleOf("非遗主题活动"));
        Assert.Equal(BlockRole.Credit, segmentation.RoleOf("■本报记者 王五 摄"));
    }

    [Fact]
    public void Segmenter_MarksShortLineAboveMarkdownTitleAsKicker()
    {
        const string text = """
            # 上一篇文章

            上一篇的正文到此结束。

            聚焦两会

            # 代表委员热议高质量发展

            本报讯(记者 钱七)代表委员们围绕高质量发展建言献策。
            """;
        var segmentation = SegmenterTestPages.Segment(text, SourceFormat.Markdown);
        var article = segmentation.ArticleWith("聚焦两会");
        Assert.Equal(BlockRole.Kicker, segmentation.RoleOf("聚焦两会"));
        Assert.Equal("代表委员热议高质量发展", article.Title);
    }

    [Fact]
    public void Segmenter_GivesMarkdownTitleBoundaryHighConfidence()
    {
        Assert.All(Segment().Articles, a => Assert.True(a.Confidence >= 0.9, $"{a.Title}: {a.Confidence}"));
    }
}
