using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>The general text-page cases of issue 14, each in Chinese and in English.</summary>
public class SegmenterTextCaseTests
{
    [Theory]
    [InlineData("""
        某县举办了农机操作技能比武活动，共有三十名选手参赛。

        聚焦民生
        某市新建三所学校
        本报讯 （记者 王一） 今年秋季，某市新建的三所学校将迎来首批学生。
        新校区配备了完善的体育设施。
        """, "聚焦民生", "某市新建三所学校", "新校区配备")]
    [InlineData("""
        The county held its farm machinery contest on Saturday.

        CITY HALL
        Council Approves New School Budget
        By Jane Doe
        The council voted on Tuesday to fund three new schools.
        """, "CITY HALL", "Council Approves New School Budget", "three new schools")]
    public void Kicker_DirectlyAboveAHeadline_BelongsToThatHeadlinesArticle(string text, string kicker, string title, string body)
    {
        var segmentation = SegmenterTestPages.Segment(text);
        var article = segmentation.ArticleWith(body);
        Assert.Same(article, segmentation.ArticleWith(kicker));
        Assert.Equal(title, article.Title);
        Assert.Equal(BlockRole.Kicker, segmentation.RoleOf(kicker));
    }

    [Theory]
    [InlineData("""
        某 市 新 建 三 所 学 校
        今年秋季，某市新建的三所学
        校将迎来首批学生，共可容纳

        学生两千余人，配套的体育馆

        和图书馆也已同步建成投用，
        为周边居民提供了更多便利。
        """, "学生两千余人，配套的体育馆", "和图书馆也已")]
    [InlineData("""
        NEW SCHOOLS OPEN THIS FALL
        The three new schools will welcome their first
        students in September, the district said on

        Monday, and the new library and sports hall

        will open to neighbours on weekends.
        """, "Monday, and the new library and sports hall", "will open to neighbours")]
    public void LongLineBreakingOffMidSentence_IsBodyNotAHeadline(string text, string longLine, string next)
    {
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Single(segmentation.Articles);
        Assert.Equal(BlockRole.Body, segmentation.RoleOf(longLine));
        Assert.Same(segmentation.ArticleWith(longLine), segmentation.ArticleWith(next));
    }

    [Theory]
    [InlineData("""
        草原上的夏日牧歌
        本报记者 王一

        七月的草原，绿草如茵，牛羊成群。牧民们迎来了一年中最忙碌的季节。

        图为牧民在草原上放牧。
        本报记者 王一 摄

        傍晚时分，牧民们赶着羊群回到营地，炊烟袅袅升起。
        这样的日子，他们已经过了几十年。
        """, "图为牧民", "摄", "傍晚时分")]
    [InlineData("""
        Summer on the Grasslands
        By Jane Doe

        July on the grasslands is green, and the herders have their busiest season.

        Herders drive their sheep across the pasture.
        Photo by Sam Lee

        At dusk the herders bring their flocks back to camp as smoke rises.
        They have lived like this for decades.
        """, "Herders drive", "Photo by Sam Lee", "At dusk")]
    public void CaptionAndCreditInsideAFeature_StayInTheFeatureWhenItGoesOn(string text, string caption, string credit, string after)
    {
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Single(segmentation.Articles);
        Assert.Same(segmentation.ArticleWith(caption), segmentation.ArticleWith(after));
        Assert.Equal(BlockRole.Credit, segmentation.RoleOf(credit));
    }

    [Theory]
    [InlineData("""
        # 走进乡村振兴一线

        本报记者 王一

        今年以来，各地积极推进乡村振兴。

        ## 产业兴旺

        某村发展特色种植，村民收入大幅增长。

        ## 生态宜居

        某村完成了人居环境整治，村容村貌焕然一新。
        """, "产业兴旺", "生态宜居")]
    [InlineData("""
        # Inside the Rural Revival

        By Jane Doe

        Villages across the region have pushed ahead this year.

        ## Thriving Farms

        One village grows speciality crops and incomes have risen.

        ## Cleaner Villages

        Another village has cleaned up its streets and yards.
        """, "Thriving Farms", "Cleaner Villages")]
    public void MarkdownSectionHeads_InsideAFeature_AreSubheadsNotNewArticles(string text, string first, string second)
    {
        var segmentation = SegmenterTestPages.Segment(text, SourceFormat.Markdown);
        Assert.Single(segmentation.Articles);
        Assert.Equal(BlockRole.Subhead, segmentation.RoleOf(first));
        Assert.Equal(BlockRole.Subhead, segmentation.RoleOf(second));
    }

    [Theory]
    [InlineData("""
        祝全市人民新春快乐

        某市新建三所学校
        本报讯 （记者 王一） 今年秋季，某市新建的三所学校将迎来首批学生。
        """, "祝全市人民", "某市新建三所学校", "今年秋季")]
    [InlineData("""
        Happy New Year to All Our Readers

        Council Approves New School Budget
        By Jane Doe
        The council voted on Tuesday to fund three new schools.
        """, "Happy New Year", "Council Approves New School Budget", "three new schools")]
    public void ShortBannerBeforeTheFirstHeadline_IsItsOwnItem(string text, string banner, string title, string body)
    {
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Equal(2, segmentation.Articles.Count);
        Assert.NotSame(segmentation.ArticleWith(banner), segmentation.ArticleWith(body));
        Assert.Equal(title, segmentation.ArticleWith(body).Title);
    }

    [Theory]
    [InlineData("""
        张明，男，某县农业技术推广站
        站长。多年来扎根基层。 （某市科协供稿）

        张 明 ：扎 根 基 层 三 十 年

        王芳，女，某乡卫生院医生，常
        年坚持巡诊。 （某市科协供稿）

        一 心 为 民 的 好 大 夫

        李华，女，某市畜牧研究所研究
        员。长期从事牧草育种研究。 （某市科协供稿）

        李 华 ：让 牧 草 绿 遍 草 原
        """, "一 心 为 民", "王芳，女", "李华，女")]
    [InlineData("""
        John Smith has run the county seed station
        for thirty years.

        JOHN SMITH: THIRTY YEARS IN THE FIELD

        Mary Jones visits every village clinic in
        the valley each month.

        A DOCTOR WHO NEVER STOPS

        Ann Lee breeds new grasses for the
        ranges at the county institute.

        ANN LEE: GREENING THE RANGE
        """, "A DOCTOR WHO", "Mary Jones", "Ann Lee breeds")]
    public void TitlePrintedAfterItsBody_IsFoundAtTheArticlesEndWithoutSharedWords(string text, string title, string body, string nextBody)
    {
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Equal(3, segmentation.Articles.Count);
        Assert.Same(segmentation.ArticleWith(body), segmentation.ArticleWith(title));
        Assert.NotSame(segmentation.ArticleWith(nextBody), segmentation.ArticleWith(title));
    }
}
