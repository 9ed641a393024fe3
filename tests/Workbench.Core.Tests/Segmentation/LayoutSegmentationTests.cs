using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>One test per layout cue, each in Chinese and in English, through the real ALTO/hOCR readers.</summary>
public class LayoutSegmentationTests
{
    private const int Col1 = 100;
    private const int Col2 = 700;
    private const int Col3 = 1300;
    private const int ColWidth = 550;

    public static TheoryData<string> Languages => new() { "zh", "en" };

    private static IReadOnlyList<int> LinesOf(SegmentArticle article) =>
        article.Blocks.SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1)).ToList();

    /// <summary>A model's boundaries that agree with the rules: each rules article's first line opens, no other line does.</summary>
    private static Dictionary<int, float> RulesBoundaries(PageSegmentation rules)
    {
        var firsts = rules.Articles.Select(a => LinesOf(a).Min()).ToHashSet();
        return rules.Page.Lines.Where(l => !l.IsBlank).ToDictionary(l => l.Number, l => firsts.Contains(l.Number) ? 1f : 0f);
    }

    /// <summary>A model's roles: the rules' own, except the lines <paramref name="changed"/> names.</summary>
    private static Dictionary<int, BlockRole> ModelRoles(PageSegmentation rules, Func<int, BlockRole?> changed) =>
        rules.Page.Lines.Where(l => !l.IsBlank).ToDictionary(l => l.Number, l => changed(l.Number) ?? rules.RoleAt(l.Number));

    /// <summary>The rules refined by a model that agrees with them everywhere except that it gives <paramref name="line"/> <paramref name="role"/>.</summary>
    private static PageSegmentation RefinedWithRole(PageSegmentation rules, int line, BlockRole role) =>
        Refinement.Apply(rules, RulesBoundaries(rules), ModelRoles(rules, n => n == line ? role : null));

    /// <summary>Two articles in one column, the second with a kicker (a short line in a smaller box) above its headline.</summary>
    private static LayoutTestPage KickerPage(string language)
    {
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("a", Col1, 300, ColWidth, 6)
            .Line("k", page.Kicker, Col1, 560, 200, 32).Headline("h2", page.Title(2), Col1, 600, ColWidth).Body("b", Col1, 700, ColWidth, 6);
        return page;
    }

    private static SegmentArticle ArticleWithBox(PageSegmentation segmentation, int x, int y) =>
        segmentation.ArticleAt(segmentation.Page.Lines.First(l => l.Box is { } b && b.X == x && b.Y == y).Number);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_HeadlineTallerThanBodyOpensArticle(string language)
    {
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("b1", Col1, 300, ColWidth, 8)
            .Headline("h2", page.Title(2), Col1, 650, ColWidth).Body("b2", Col1, 750, ColWidth, 8);
        var segmentation = page.SegmentAlto();
        Assert.Equal([page.Title(1), page.Title(2)], segmentation.Articles.Select(a => a.Title));
        Assert.Same(ArticleWithBox(segmentation, Col1, 750 + 7 * 40), ArticleWithBox(segmentation, Col1, 650));
        Assert.Equal(BlockRole.Headline, segmentation.RoleAt(segmentation.Page.Lines.First(l => l.Text == page.Title(2)).Number));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_FontSizeDecidesWhenTheFileGivesIt(string language)
    {
        // Every box is 30 px high; only the ALTO font size says which line is the headline.
        var page = new LayoutTestPage(language);
        page.Line("h1", page.Title(1), Col1, 200, ColWidth, 30, 24).Body("b1", Col1, 250, ColWidth, 6, font: 9)
            .Line("h2", page.Title(2), Col1, 520, ColWidth, 30, 24).Body("b2", Col1, 570, ColWidth, 6, font: 9);

        var segmentation = page.SegmentAlto();
        Assert.Equal([page.Title(1), page.Title(2)], segmentation.Articles.Select(a => a.Title));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_HeadlineSpanningColumnsTakesEveryColumnBeneathUpToTheNextHeadlineOverThatColumn(string language)
    {
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, 3 * ColWidth + 100, 100)
            .Body("c1", Col1, 330, ColWidth, 20).Body("c2", Col2, 330, ColWidth, 20).Body("c3", Col3, 330, ColWidth, 8)
            .Headline("h2", page.Title(2), Col3, 700, ColWidth).Body("c3b", Col3, 800, ColWidth, 10);
        var segmentation = page.SegmentAlto();
        Assert.Equal(2, segmentation.Articles.Count);
        var first = ArticleWithBox(segmentation, Col1, 200);
        Assert.Same(first, ArticleWithBox(segmentation, Col2, 330 + 19 * 40));
        Assert.Same(first, ArticleWithBox(segmentation, Col3, 330));
        Assert.Same(ArticleWithBox(segmentation, Col3, 700), ArticleWithBox(segmentation, Col3, 800 + 9 * 40));
        Assert.NotSame(first, ArticleWithBox(segmentation, Col3, 800));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_StoryRunsOnIntoTheNextColumnInReadingOrder(string language)
    {
        // Column 1: story A, then story B's headline; B runs on to the top of column 2, which has no headline above it.
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("a1", Col1, 300, ColWidth, 10)
            .Headline("h2", page.Title(2), Col1, 740, ColWidth).Body("b1", Col1, 840, ColWidth, 12)
            .Body("b2", Col2, 200, ColWidth, 10);
        var segmentation = page.SegmentHocr();
        Assert.Equal(2, segmentation.Articles.Count);
        Assert.Same(ArticleWithBox(segmentation, Col1, 740), ArticleWithBox(segmentation, Col2, 200));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_SeparatorRuleEndsTheHeadlinesReach(string language)
    {
        // A rule across column 2 under story A: the lines below it are a new item, not A's.
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, 2 * ColWidth + 50).Body("a1", Col1, 300, ColWidth, 20).Body("a2", Col2, 300, ColWidth, 6)
            .Graphic(GraphicKind.Separator, Col2, 560, ColWidth, 3)
            .Body("x", Col2, 600, ColWidth, 6)
            .Headline("h3", page.Title(3), Col3, 200, ColWidth).Body("c", Col3, 300, ColWidth, 6);
        var segmentation = page.SegmentAlto();
        Assert.Same(ArticleWithBox(segmentation, Col1, 200), ArticleWithBox(segmentation, Col2, 300));
        Assert.NotSame(ArticleWithBox(segmentation, Col1, 200), ArticleWithBox(segmentation, Col2, 600));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_ASeparatorRunningThroughATextLineIsNotARule(string language)
    {
        // Tesseract reports a stroke through the last line of a1 as a separator; the story goes on below a gap all the same.
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("a1", Col1, 300, ColWidth, 5)
            .Graphic(GraphicKind.Separator, Col1, 473, ColWidth, 3)
            .Body("a2", Col1, 600, ColWidth, 6)
            .Headline("h2", page.Title(2), Col2, 200, ColWidth).Body("b", Col2, 300, ColWidth, 6);
        foreach (var segmentation in new[] { page.SegmentAlto(), page.SegmentHocr() })
        {
            Assert.Same(ArticleWithBox(segmentation, Col1, 200), ArticleWithBox(segmentation, Col1, 600));
            Assert.Equal(2, segmentation.Articles.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_CaptionUnderAPictureBelongsToThePicturesArticle(string language)
    {
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth)
            .Graphic(GraphicKind.Picture, Col1, 300, ColWidth, 300)
            .Line("cap", page.Chinese ? "图为市民在公园散步" : "Visitors stroll in the park", Col1, 610, ColWidth, 26)
            .Body("a1", Col1, 660, ColWidth, 8)
            .Headline("h2", page.Title(2), Col2, 200, ColWidth).Body("b1", Col2, 300, ColWidth, 8);
        var segmentation = page.SegmentAlto();
        var caption = segmentation.Page.Lines.First(l => l.Box is { Y: 610 }).Number;
        Assert.Equal(BlockRole.Caption, segmentation.RoleAt(caption));
        Assert.Same(ArticleWithBox(segmentation, Col1, 200), segmentation.ArticleAt(caption));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_HocrHeaderClassMakesAHeadlineEvenAtBodySize(string language)
    {
        var page = new LayoutTestPage(language);
        page.Line("h1", page.Title(1), Col1, 200, ColWidth, 32, cls: "ocr_header").Body("a", Col1, 260, ColWidth, 6)
            .Line("h2", page.Title(2), Col1, 540, ColWidth, 32, cls: "ocr_header").Body("b", Col1, 600, ColWidth, 6);
        var segmentation = page.SegmentHocr();
        Assert.Equal([page.Title(1), page.Title(2)], segmentation.Articles.Select(a => a.Title));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_KickerDirectlyAboveAHeadlineBelongsToIt(string language)
    {
        var page = KickerPage(language);
        var segmentation = page.SegmentAlto();
        var kicker = segmentation.Page.Lines.First(l => l.Text == page.Kicker).Number;
        Assert.Equal(BlockRole.Kicker, segmentation.RoleAt(kicker));
        Assert.Same(ArticleWithBox(segmentation, Col1, 600), segmentation.ArticleAt(kicker));
        Assert.Equal(page.Title(2), segmentation.ArticleAt(kicker).Title);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_MastheadInTheTopBandIsFurnitureWithoutATitle(string language)
    {
        var page = new LayoutTestPage(language);
        page.Headline("m", page.Chinese ? "示例晨报" : "The Morning Post", Col1, 30, 900, 90)
            .Headline("h1", page.Title(1), Col1, 300, ColWidth).Body("a", Col1, 400, ColWidth, 6)
            .Headline("h2", page.Title(2), Col2, 300, ColWidth).Body("b", Col2, 400, ColWidth, 6);
        var segmentation = page.SegmentAlto();
        Assert.Equal(["", page.Title(1), page.Title(2)], segmentation.Articles.Select(a => a.Title));
        Assert.Equal(BlockRole.Other, segmentation.Articles[0].Blocks[0].Role);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_FiveHeadlineSizedLinesNeverComeOutAsOneSureArticle(string language)
    {
        // Column OCR reading order, five headlines of one size: whatever the rules decide, no article holding several of them is sure.
        var page = new LayoutTestPage(language);
        for (var n = 0; n < 5; n++)
        {
            page.Headline($"h{n}", page.Title(n + 1), Col1 + (n % 3) * 600, 200 + (n / 3) * 900, ColWidth).Body($"b{n}", Col1 + (n % 3) * 600, 300 + (n / 3) * 900, ColWidth, 12);
        }

        var segmentation = page.SegmentAlto();
        var layout = LayoutProfile.Of(segmentation.Page);
        foreach (var article in segmentation.Articles)
        {
            var headlines = LinesOf(article).Count(layout.IsHeadlineSized);
            Assert.True(headlines <= 1 || article.Confidence < 0.9, $"an article with {headlines} headline-sized lines scored {article.Confidence}");
        }

        Assert.Equal(5, segmentation.Articles.Count);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_FiveHeadlinesMergedIntoOneArticleByAModel_AreNeverScoredAsSure(string language)
    {
        var page = new LayoutTestPage(language);
        for (var n = 0; n < 5; n++)
        {
            page.Headline($"h{n}", page.Title(n + 1), Col1, 200 + n * 500, ColWidth).Body($"b{n}", Col1, 300 + n * 500, ColWidth, 8);
        }

        var rules = page.SegmentAlto();
        var noBoundary = rules.Page.Lines.Where(l => !l.IsBlank).ToDictionary(l => l.Number, _ => 0f);
        // A model that kept them headlines could not merge them (see Layout_AModelNeverMergesTwoArticlesThatEachHaveAHeadline);
        // one that reads every line as body text can.
        var merged = Refinement.Apply(rules, noBoundary, ModelRoles(rules, _ => BlockRole.Body));
        var article = Assert.Single(merged.Articles);
        Assert.True(article.Confidence < 0.9, $"one article over five headlines scored {article.Confidence}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_ColumnGoesOnUnderItselfWhenTheFileJumpsBetweenColumns(string language)
    {
        // Story A (headline over column 1) runs on into column 2; the file lists column 2's top, then story B in column 3, then the
        // rest of column 2 in a block of its own (Tesseract's blocks do this). The rest of column 2 is still A.
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("a1", Col1, 300, ColWidth, 12)
            .Body("a2", Col2, 200, ColWidth, 3)
            .Headline("h2", page.Title(2), Col3, 200, ColWidth).Body("b", Col3, 300, ColWidth, 8)
            .Body("a2rest", Col2, 320, ColWidth, 8);
        foreach (var segmentation in new[] { page.SegmentAlto(), page.SegmentHocr() })
        {
            Assert.Equal(2, segmentation.Articles.Count);
            var first = ArticleWithBox(segmentation, Col1, 200);
            Assert.Same(first, ArticleWithBox(segmentation, Col2, 200));
            Assert.Same(first, ArticleWithBox(segmentation, Col2, 320 + 7 * 40));
            Assert.Same(ArticleWithBox(segmentation, Col3, 200), ArticleWithBox(segmentation, Col3, 300 + 7 * 40));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_AnIndentedParagraphGoesOnUnderTheShortLastLineAboveIt(string language)
    {
        // Story A runs on into column 2, where a paragraph ends in a short line and the next one starts indented: the two lines
        // do not overlap. The file lists story B (column 3) between them, as Tesseract's blocks do; the new paragraph is still A.
        var page = new LayoutTestPage(language);
        var end = page.Chinese ? "次。" : "said.";
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("a1", Col1, 300, ColWidth, 12)
            .Body("a2", Col2, 200, ColWidth, 3).Line("a2", end, Col2, 320, 60, 30)
            .Headline("h2", page.Title(2), Col3, 200, ColWidth).Body("b", Col3, 300, ColWidth, 8)
            .Line("a3", page.BodyText(), Col2 + 70, 360, ColWidth - 70, 30).Body("a3", Col2, 400, ColWidth, 5);
        foreach (var segmentation in new[] { page.SegmentAlto(), page.SegmentHocr() })
        {
            Assert.Equal(2, segmentation.Articles.Count);
            var first = ArticleWithBox(segmentation, Col1, 200);
            Assert.Same(first, ArticleWithBox(segmentation, Col2, 320));
            Assert.Same(first, ArticleWithBox(segmentation, Col2 + 70, 360));
            Assert.Same(first, ArticleWithBox(segmentation, Col2, 400 + 4 * 40));
            Assert.Same(ArticleWithBox(segmentation, Col3, 200), ArticleWithBox(segmentation, Col3, 300 + 7 * 40));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_HeadlineLinesOfUnequalBoxHeightsAreOneHeadline(string language)
    {
        // Box heights of one headline's lines differ (ascenders, descenders): 36, 46 and 36 px over 30 px body text. The shorter
        // first line is not a kicker and the shorter last line not a deck; the title is all three.
        var page = new LayoutTestPage(language);
        string[] parts = page.Chinese ? ["全面启动交通建设", "助力高质量发展", "全民健身呈现新气象"] : ["Vote on harbor", "dredging set for", "Tuesday"];
        page.Line("h", parts[0], Col1, 200, 300, 36).Line("h", parts[1], Col1, 240, 360, 46).Line("h", parts[2], Col1, 290, 200, 36)
            .Body("a", Col1, 360, ColWidth, 8)
            .Headline("h2", page.Title(2), Col1, 720, ColWidth).Body("b", Col1, 820, ColWidth, 8);
        var segmentation = page.SegmentAlto();
        Assert.Equal(2, segmentation.Articles.Count);
        Assert.Equal(Workbench.Core.Text.ArticleText.JoinLines(parts), segmentation.Articles[0].Title);
        Assert.All(segmentation.Page.Lines.Where(l => parts.Contains(l.Text)), l => Assert.Equal(BlockRole.Headline, segmentation.RoleAt(l.Number)));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_AHeadlineAcrossColumnsBoundsItsStory(string language)
    {
        // Story A's headline spans columns 1 and 2; column 3, listed next with no headline over it, is another item, not more of A.
        // (Story B below makes it a page of several headlines, which the layout reads.)
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, 2 * ColWidth + 50).Body("a1", Col1, 300, ColWidth, 8).Body("a2", Col2, 300, ColWidth, 8)
            .Body("c", Col3, 300, ColWidth, 8)
            .Headline("h2", page.Title(2), Col1, 700, ColWidth).Body("b", Col1, 800, ColWidth, 8);
        var segmentation = page.SegmentAlto();
        Assert.Same(ArticleWithBox(segmentation, Col1, 200), ArticleWithBox(segmentation, Col2, 300 + 7 * 40));
        Assert.NotSame(ArticleWithBox(segmentation, Col1, 200), ArticleWithBox(segmentation, Col3, 300));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_ADatelineUnderASectionHeadingIsNotPartOfTheTitle(string language)
    {
        // Old papers print a section heading, then the dateline on a line of its own, its box as tall as the heading's or taller.
        var page = new LayoutTestPage(language);
        string[] headings = page.Chinese ? ["国际新闻", "国内要闻"] : ["PAYS-BAS-UNIS.", "GRANDE-BRETAGNE."];
        string[] datelines = page.Chinese ? ["本报北京7月28日电", "本报上海7月29日电"] : ["Bruxelles, 28 juillet.", "Vienne ( Autriche ) , 21 juillet."];
        for (var n = 0; n < 2; n++)
        {
            page.Headline($"h{n}", headings[n], Col1 + 150, 200 + n * 700, 250, 60)
                .Line($"d{n}", datelines[n], Col1 + 120, 280 + n * 700, 320, 64)
                .Body($"b{n}", Col1, 370 + n * 700, ColWidth, 8);
        }

        var segmentation = page.SegmentAlto();
        Assert.Equal(headings, segmentation.Articles.Select(a => a.Title));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_AFontSizeFarLargerThanItsBoxIsNotBelieved(string language)
    {
        // Tesseract's hOCR can give a whole paragraph of body text an x_size nearly twice its lines' height: those lines are
        // measured by their boxes, so they stay body text instead of becoming a run of headlines.
        var page = new LayoutTestPage(language);
        page.Line("h1", page.Title(1), Col1, 200, ColWidth, 80, 80).Body("b1", Col1, 300, ColWidth, 6, font: 30)
            .Body("odd", Col1, 540, ColWidth, 4, font: 55)
            .Line("h2", page.Title(2), Col1, 720, ColWidth, 80, 80).Body("b2", Col1, 820, ColWidth, 6, font: 30);

        var segmentation = page.SegmentHocr();
        Assert.Equal([page.Title(1), page.Title(2)], segmentation.Articles.Select(a => a.Title));
        Assert.Same(ArticleWithBox(segmentation, Col1, 200), ArticleWithBox(segmentation, Col1, 540 + 3 * 40));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_APictureReadAsTextIsNotAHeadline(string language)
    {
        // Tesseract reads a photo or a seal as a character or two in a box several body lines tall ("江", "SS"): by its size alone
        // it would be the page's biggest headline and open an article of its own.
        var page = new LayoutTestPage(language);
        var glyphs = page.Chinese ? "江" : "SS";
        page.Headline("h1", page.Title(1), Col1, 200, 2 * ColWidth + 50).Body("b1", Col1, 300, ColWidth, 12)
            .Line("photo", glyphs, Col2, 300, 160, 150).Body("b2", Col2, 480, ColWidth, 8)
            .Headline("h2", page.Title(2), Col1, 900, 2 * ColWidth + 50).Body("b3", Col1, 1000, ColWidth, 8);

        foreach (var segmentation in new[] { page.SegmentAlto(), page.SegmentHocr() })
        {
            Assert.Equal([page.Title(1), page.Title(2)], segmentation.Articles.Select(a => a.Title));
            var picture = segmentation.Page.Lines.First(l => l.Text == glyphs).Number;
            Assert.NotEqual(BlockRole.Headline, segmentation.RoleAt(picture));
            Assert.Same(ArticleWithBox(segmentation, Col1, 200), segmentation.ArticleAt(picture));

            // Nor may a model make it one: its role stays the rules'.
            var refined = RefinedWithRole(segmentation, picture, BlockRole.Headline);
            Assert.NotEqual(BlockRole.Headline, refined.RoleAt(picture));
            Assert.Equal([page.Title(1), page.Title(2)], refined.Articles.Select(a => a.Title));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_AOneCharacterHeadlineOfOrdinarySizeIsStillAHeadline(string language)
    {
        // The picture rule needs both: few characters and a box far larger than a headline's. A short headline of headline size stays one.
        var page = new LayoutTestPage(language);
        var shortTitle = page.Chinese ? "春" : "War";
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("b1", Col1, 300, ColWidth, 8)
            .Headline("h2", shortTitle, Col1, 650, ColWidth, 80).Body("b2", Col1, 750, ColWidth, 8);

        foreach (var segmentation in new[] { page.SegmentAlto(), page.SegmentHocr() })
        {
            Assert.Equal([page.Title(1), shortTitle], segmentation.Articles.Select(a => a.Title));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_AModelThatWouldInventManyHeadlinesKeepsTheRulesRoles(string language)
    {
        // Two headlines; a model that calls six paragraph openings headlines is reading a page unlike its own: its roles are set
        // aside for the page. One that changes a single line's role is followed.
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("b1", Col1, 300, ColWidth, 12)
            .Headline("h2", page.Title(2), Col2, 200, ColWidth).Body("b2", Col2, 300, ColWidth, 12);
        var rules = page.SegmentAlto();
        var body = rules.Page.Lines.Where(l => !l.IsBlank && rules.RoleAt(l.Number) == BlockRole.Body).Select(l => l.Number).ToList();

        var invented = body.Where((_, i) => i % 3 == 1).Take(Refinement.MinPromotions + 1).ToHashSet();
        var kept = Refinement.Apply(rules, RulesBoundaries(rules), ModelRoles(rules, n => invented.Contains(n) ? BlockRole.Headline : null));
        Assert.All(invented, n => Assert.Equal(BlockRole.Body, kept.RoleAt(n)));
        Assert.Equal([page.Title(1), page.Title(2)], kept.Articles.Select(a => a.Title));

        var one = RefinedWithRole(rules, body[^1], BlockRole.Caption);
        Assert.Equal(BlockRole.Caption, one.RoleAt(body[^1]));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_ALineTheModelMakesAHeadlineIsInTheTitle(string language)
    {
        // In ALTO without font sizes, a headline's first line without descenders ("Vote on wind") has a smaller box and the rules
        // take it for a kicker; the model calls it a headline. The article's title then starts with it, instead of keeping the
        // rules' title, which left it out.
        var page = KickerPage(language);
        var rules = page.SegmentAlto();
        var kicker = rules.Page.Lines.First(l => l.Text == page.Kicker).Number;
        Assert.Equal(BlockRole.Kicker, rules.RoleAt(kicker));
        Assert.Equal(page.Title(2), rules.ArticleAt(kicker).Title);

        var refined = RefinedWithRole(rules, kicker, BlockRole.Headline);

        Assert.Equal(BlockRole.Headline, refined.RoleAt(kicker));
        var title = refined.ArticleAt(kicker).Title;
        Assert.StartsWith(page.Kicker, title, StringComparison.Ordinal);
        Assert.EndsWith(page.Title(2), title, StringComparison.Ordinal);
        Assert.Equal(page.Title(1), refined.Articles[0].Title);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_AModelNeverMakesAHeadlineOfALineWithASentenceEndInside(string language)
    {
        // Tesseract runs a body line across the gutter and the model takes its box for a headline's; a sentence ends inside it,
        // so it is running text: it keeps the rules' role and stays out of the title.
        var page = new LayoutTestPage(language);
        var running = page.Chinese ? "市民纷纷表示欢迎。今年以来，某市持续推进" : "residents welcomed the plan. The council met";
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("a1", Col1, 300, ColWidth, 4)
            .Line("m", running, Col1, 460, ColWidth, 30).Body("a2", Col1, 500, ColWidth, 4)
            .Headline("h2", page.Title(2), Col2, 200, ColWidth).Body("b", Col2, 300, ColWidth, 8);
        var rules = page.SegmentAlto();
        var line = rules.Page.Lines.First(l => l.Text == running).Number;

        var refined = RefinedWithRole(rules, line, BlockRole.Headline);

        Assert.Equal(BlockRole.Body, refined.RoleAt(line));
        Assert.Equal([page.Title(1), page.Title(2)], refined.Articles.Select(a => a.Title));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Layout_AModelNeverMergesTwoArticlesThatEachHaveAHeadline(string language)
    {
        // The model sees no boundary at the second story's headline; joined, two stories would share one title. Where the line
        // before that headline is a headline too (one run of headline lines the rules cut in two), the model is followed.
        var page = new LayoutTestPage(language);
        page.Headline("h1", page.Title(1), Col1, 200, ColWidth).Body("a", Col1, 300, ColWidth, 6)
            .Headline("h2", page.Title(2), Col1, 560, ColWidth).Body("b", Col1, 660, ColWidth, 6)
            .Headline("h3", page.Title(3), Col2, 200, ColWidth).Body("c", Col2, 300, ColWidth, 6);
        var rules = page.SegmentAlto();
        Assert.Equal([page.Title(1), page.Title(2), page.Title(3)], rules.Articles.Select(a => a.Title));
        var second = LinesOf(rules.Articles[1]).Min();
        var boundaries = RulesBoundaries(rules);
        boundaries[second] = 0f;

        var refined = Refinement.Apply(rules, boundaries);

        Assert.Equal([page.Title(1), page.Title(2), page.Title(3)], refined.Articles.Select(a => a.Title));

        var lineBefore = LinesOf(rules.Articles[0]).Max();
        var run = Refinement.Apply(rules, boundaries, ModelRoles(rules, n => n == lineBefore ? BlockRole.Headline : null));
        Assert.Equal(2, run.Articles.Count);
        Assert.Same(run.ArticleAt(lineBefore), run.ArticleAt(second));
    }

    [Theory]
    [InlineData("市民纷纷表示欢迎。今年以来", true)]
    [InlineData("市民纷纷表示欢迎。”", false)]
    [InlineData("市民纷纷表示欢迎。”今年以来", true)]
    [InlineData("residents welcomed the plan.\" Residents said", true)]
    [InlineData("\"We welcome the plan.\"", false)]
    [InlineData("持续优化营商环境助力高质量发展", false)]
    [InlineData("residents welcomed the plan. The council met", true)]
    [InlineData("Gov. Brown Signs Budget", false)]
    [InlineData("U.S. Senate Passes Farm Bill", false)]
    [InlineData("residents welcomed the plan.", false)]
    public void LineClassifier_FindsASentenceEndInsideALine(string text, bool inside)
    {
        var page = PageReader.Read("page.txt", System.Text.Encoding.UTF8.GetBytes(text + "\n"));
        Assert.Equal(inside, LineClassifier.Classify(page)[0].SentenceInside);
    }
}
