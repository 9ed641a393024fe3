using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Xunit.Abstractions;
using Workbench.Segmentation.Evaluation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>A made-up English column page: ALL CAPS and Title Case headlines, bylines, a dateline, a photo item, hyphenation.</summary>
public class EnglishPageTests(ITestOutputHelper output)
{
    private static PageSegmentation Segment() =>
        Segmenter.Segment(PageReader.Read("english_page.txt", File.ReadAllBytes(RepoPaths.Fixture("english_page.txt"))));

    [Fact]
    public void Segmenter_MatchesGoldOnEnglishPage()
    {
        var score = BCubedScorer.Score(Segment(), BCubedScorer.ReadGold(RepoPaths.Fixture("english_page.txt.json")));
        output.WriteLine(score.ToString());
        Assert.Equal(1.0, score.F1, 6);
        Assert.Equal(1.0, score.TitleAccuracy, 6);
    }

    [Fact]
    public void Segmenter_JoinsTwoLineAllCapsHeadline()
    {
        Assert.Equal("CITY COUNCIL APPROVES NEW RIVERSIDE PARK BUDGET", Segment().Articles[0].Title);
    }

    [Fact]
    public void Segmenter_StartsArticleAtTitleCaseHeadline()
    {
        var segmentation = Segment();
        Assert.Equal("Local Bakery Wins State Award", segmentation.ArticleWith("MILLBROOK").Title);
        Assert.Equal("School Board Delays Vote on Calendar", segmentation.ArticleWith("postponed a vote").Title);
    }

    [Fact]
    public void Segmenter_DoesNotTakeCapitalisedBodyLineForHeadline()
    {
        var segmentation = Segment();
        Assert.Same(segmentation.ArticleWith("MILLBROOK"), segmentation.ArticleWith("Owners Maria and Tom"));
    }

    [Fact]
    public void Segmenter_MakesEnglishPhotoItemCaptionAndCredit()
    {
        var segmentation = Segment();
        Assert.Equal(BlockRole.Caption, segmentation.RoleOf("Visitors fill"));
        Assert.Equal(BlockRole.Credit, segmentation.RoleOf("Photo by Sam Lee"));
    }

    [Fact]
    public void ArticleText_DehyphenatesEnglishArticleAcrossLineBreaks()
    {
        var segmentation = Segment();
        var text = SegmentationJson.ArticleTextOf(segmentation.Page, segmentation.ArticleWith("MILLBROOK"));
        Assert.Contains("best small bakery in the state", text, StringComparison.Ordinal);
        Assert.Contains("A family-owned bakery", text, StringComparison.Ordinal);
        var first = SegmentationJson.ArticleTextOf(segmentation.Page, segmentation.Articles[0]);
        Assert.Contains("The information presented", first, StringComparison.Ordinal);
        Assert.Contains("much-needed green space", first, StringComparison.Ordinal);
    }
}
