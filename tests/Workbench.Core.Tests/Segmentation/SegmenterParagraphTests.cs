using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>Text pages with one paragraph a line: title lines, dash subheadlines, broken paragraphs, confidence.</summary>
public class SegmenterParagraphTests
{
    private const string Interviews = """
        某市：携手并进 共赢美好未来

        协同发展，共享创新。日前，本报记者对某市部分委办局进行了专访，听他们畅谈两市协同发展的想法和打算。

        增强区域协同创新能力 开拓发展新局面

        ——访某市发改委主任王一

        “此次系列活动是加快同城化发展的有力举措。”某市发改委主任王一接受记者采访时表示，两市将在科技创新等方面实现互联互通。

        王一表示，此次系列活动共推出四项活动，分别为人力资源需求发布、“高技能人才

        培训基地”授牌、大学生招聘活动和职业技能大赛。通过此次系列活动，旨在进一步提升人才培养水平。

        两市“高技能人才培训基地”授牌

        后，将通过政企校合作的形式，对高技能人才开展统一培训，以满足企业用工需求，促进经济社会发展。

        优势互补 打造工业经济新引擎

        ——访某市工信局副局长李二

        “我们对此充满信心！”某市工信局副局长李二在接受记者采访时表示，两地产业结构互补性很强，合作空间广阔。
        """;

    [Fact]
    public void Segmenter_StartsArticleAtTitleWithDashSubheadline()
    {
        var segmentation = SegmenterTestPages.Segment(Interviews);
        Assert.Equal(3, segmentation.Articles.Count);
        var second = segmentation.ArticleWith("——访某市发改委");
        Assert.Equal("增强区域协同创新能力 开拓发展新局面", second.Title);
        Assert.Equal(BlockRole.Subheadline, segmentation.RoleOf("——访某市发改委"));
        Assert.True(second.Confidence >= 0.9);
    }

    [Fact]
    public void Segmenter_DoesNotTakeBrokenParagraphLineForHeadline()
    {
        var segmentation = SegmenterTestPages.Segment(Interviews);
        Assert.Same(segmentation.ArticleWith("——访某市发改委"), segmentation.ArticleWith("两市“高技能人才培训基地”授牌"));
        Assert.Equal(BlockRole.Body, segmentation.RoleOf("两市“高技能人才培训基地”授牌"));
    }

    [Fact]
    public void Segmenter_DoesNotTakeQuotedSpeechFragmentForHeadline()
    {
        const string text = """
            某市教育局局长赵三在接受记者采访时说，两市将紧密联系、优势互补，进一步扩大优质教育资源覆盖面。

            赵三表示：“我们将从六个方面开展

            深入合作，全面提升两地教育交流合作水平，为同城化发展作出教育贡献。”
            """;
        Assert.Single(SegmenterTestPages.Segment(text).Articles);
    }

    [Fact]
    public void Segmenter_GivesGuessedBoundaryFromShortUnpunctuatedLineLowConfidence()
    {
        const string text = """
            某市今年新建改建农村公路三百公里，打通了一批断头路，群众出行更加便捷。

            乡村道路通到家门口

            家住某村的老张说，过去下雨天出门一身泥，如今水泥路修到了家门口，出门方便多了。
            """;
        var segmentation = SegmenterTestPages.Segment(text);
        Assert.Equal(2, segmentation.Articles.Count);
        Assert.True(segmentation.Articles[1].Confidence < 0.7, $"confidence {segmentation.Articles[1].Confidence}");
        Assert.True(segmentation.Articles[0].Confidence >= 0.9);
    }

    [Fact]
    public void Segmenter_IsDeterministic()
    {
        var first = SegmentationJson.ToJson(SegmenterTestPages.Segment(Interviews));
        var second = SegmentationJson.ToJson(SegmenterTestPages.Segment(Interviews));
        Assert.Equal(first, second);
    }
}
