using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>Raw column OCR: short lines, paragraphs across blank lines, headlines printed after their body, letter-spacing.</summary>
public class SegmenterColumnTests
{
    private const string TwoProfiles = """
        张明，男，汉族，某县农业技术
        推广站站长。多年来扎根基层，

        带领农户发展特色种植，为当地
        农业发展作出了贡献。 （某市科协供稿）

        张 明 ：扎 根 基 层 三 十 年

        李华，女，某市畜牧研究所研究
        员。长期从事牧草育种研究，选

        育牧草新品种 5 个，推广面积
        逾百万亩。

        李 华 ：让 牧 草 绿 遍 草 原
        """;

    [Fact]
    public void Segmenter_KeepsColumnParagraphTogetherAcrossBlankLines()
    {
        var segmentation = SegmenterTestPages.Segment(TwoProfiles);
        Assert.Same(segmentation.ArticleWith("带领农户"), segmentation.ArticleWith("张明，男"));
        Assert.Same(segmentation.ArticleWith("育牧草新品种"), segmentation.ArticleWith("李华，女"));
    }

    [Fact]
    public void Segmenter_KeepsShortLinesInterleavedWithBlankLinesInOneArticle()
    {
        const string text = """
            关 注 健 康 生 活 方 式
            近年来，慢性病的发病率不断

            上升，调查结果显示，近一成

            的居民存在睡眠问题。专家建

            议，规律作息、适量运动，越

            早干预，效果越好。
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Single(segmentation.Articles);
        Assert.Equal("关注健康生活方式", segmentation.Articles[0].Title);
    }

    [Fact]
    public void Segmenter_PutsHeadlinePrintedAfterBodyOnThatBody()
    {
        var segmentation = SegmenterTestPages.Segment(TwoProfiles);
        Assert.Equal(2, segmentation.Articles.Count);
        Assert.Same(segmentation.ArticleWith("张 明 ："), segmentation.ArticleWith("张明，男"));
        Assert.Same(segmentation.ArticleWith("李 华 ："), segmentation.ArticleWith("李华，女"));
        Assert.Equal(BlockRole.Headline, segmentation.RoleOf("张 明 ："));
    }

    [Fact]
    public void Segmenter_CollapsesLetterSpacedHeadlineInTitleAndKeepsSourceLines()
    {
        var segmentation = SegmenterTestPages.Segment(TwoProfiles);
        var article = segmentation.ArticleWith("张 明 ：");
        Assert.Equal("张明：扎根基层三十年", article.Title);
        var headline = article.Blocks.Single(b => b.Role == BlockRole.Headline);
        Assert.Equal("张 明 ：扎 根 基 层 三 十 年", segmentation.Page.Line(headline.FirstLine).Text);
    }

    [Fact]
    public void Segmenter_KeepsTwoLineHeadlineInOneArticle()
    {
        const string text = """
            本报某市7月 9日讯 （记者 王一）
            7 月 9日，某市第五届青年创业
            大赛在市会展中心开幕，来自各
            地的百余个项目参加了比赛。

            “ 青 春 创 业 梦 想 启 航
            青年创业大赛”在某市开幕

            本报某县7月9日电 近日，某县
            举办了农机操作技能比武活动。
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Equal(2, segmentation.Articles.Count);
        var article = segmentation.ArticleWith("青年创业大赛”");
        Assert.Same(article, segmentation.ArticleWith("“ 青 春"));
        Assert.Same(article, segmentation.ArticleWith("大赛在市会展中心"));
        Assert.Equal("“青春创业梦想启航青年创业大赛”在某市开幕", article.Title);
    }

    [Fact]
    public void Segmenter_TreatsSectionMarkerAsSubheadNotBoundary()
    {
        const string text = """
            “ 数 字 乡 村 ” 建 设 见 闻

            （一）

            某村建起了电商服务站，村民
            足不出户就能把农产品卖到全
            国各地。

            （二）

            某村开通了远程医疗，村民在
            家门口就能看上专家门诊。
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Single(segmentation.Articles);
        Assert.Equal(BlockRole.Subhead, segmentation.RoleOf("（二）"));
    }

    [Fact]
    public void Segmenter_EndsNewsBriefAtAuthorInParentheses()
    {
        const string text = """
            本报某市7月 11日讯 日前，
            某公司 1 号机组检修全面开始，
            此次检修意义重大。 （王明）

            本报某县7月11日电 近日，某
            县开展了防汛应急演练，增强了
            应急抢险能力。(赵刚)
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Equal(2, segmentation.Articles.Count);
        Assert.Same(segmentation.ArticleWith("（王明）"), segmentation.ArticleWith("本报某市"));
        Assert.Same(segmentation.ArticleWith("(赵刚)"), segmentation.ArticleWith("本报某县"));
        Assert.Equal(BlockRole.Body, segmentation.RoleOf("（王明）"));
    }

    [Fact]
    public void Segmenter_MakesPageFurnitureAnOtherArticleOfItsOwn()
    {
        const string text = """
            某地举办消夏晚会，吸引了众多
            市民前来观看。

            扫一扫，看新媒
            体产品

            本报某市7月11日电 近日，某
            市开展了夏季安全检查。（孙力）
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        var furniture = segmentation.ArticleWith("扫一扫");
        Assert.Same(furniture, segmentation.ArticleWith("体产品"));
        Assert.All(furniture.Blocks, b => Assert.Equal(BlockRole.Other, b.Role));
        Assert.Equal(3, segmentation.Articles.Count);
    }

    [Fact]
    public void Segmenter_DoesNotTakeJustifiedBodyLineForLetterSpacedHeadline()
    {
        const string text = """
            “ 一 校 一 品 ” 建 设 成 效 显 著
            每所职业院校至少建设 1 个对
            接 区 域 产 业 的 优 势 品 牌 专 业
            （群）。鼓励高职院校建设一批
            特色鲜明的现代产业学院。
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Single(segmentation.Articles);
        Assert.Equal(BlockRole.Body, segmentation.RoleOf("接 区 域"));
    }

    [Fact]
    public void Segmenter_MarksShortLineAboveLetterSpacedHeadlineAsKicker()
    {
        const string text = """
            某地的夏季安全检查到此结束。

            聚焦两会
            代 表 委 员 热 议 高 质 量 发 展
            本报讯 代表委员们围绕高质量发
            展建言献策，气氛热烈。
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        var article = segmentation.ArticleWith("聚焦两会");
        Assert.Equal(BlockRole.Kicker, segmentation.RoleOf("聚焦两会"));
        Assert.Equal("代表委员热议高质量发展", article.Title);
        Assert.Same(article, segmentation.ArticleWith("本报讯"));
        Assert.NotSame(article, segmentation.ArticleWith("安全检查"));
    }

    [Fact]
    public void Segmenter_DoesNotTakeFirstBodyLineOfPageForHeadline()
    {
        const string text = """
            走进某大学运动马驯养基地，几
            名学生正在认真训练。
            """;
        var segmentation = SegmenterTestPages.Segment("走进某大学运动马驯养基地\n几名学生正在认真训练。\n");
        Assert.Equal("", segmentation.Articles.Single().Title);
        Assert.Equal(BlockRole.Body, segmentation.RoleAt(1));
        Assert.Equal("", SegmenterTestPages.Segment(text).Articles.Single().Title);
    }
}
