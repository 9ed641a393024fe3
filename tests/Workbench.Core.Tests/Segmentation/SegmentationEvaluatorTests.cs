using System.Text;
using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Workbench.Segmentation.Evaluation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>The gold format and the evaluator's figures on tiny hand-made pages.</summary>
public class SegmentationEvaluatorTests
{
    private const string Hocr = """
        <html xmlns="http://www.w3.org/1999/xhtml"><body><div class="ocr_page" title="bbox 0 0 1000 1000">
          <p class="ocr_par" id="p1">
            <span class="ocr_line" id="h1" title="bbox 0 0 500 40"><span class="ocrx_word">大 标 题</span></span>
            <span class="ocr_line" id="b1" title="bbox 0 50 500 70"><span class="ocrx_word">第一篇正文。</span></span>
            <span class="ocr_line" id="n1" title="bbox 600 600 610 610"><span class="ocrx_word">~</span></span>
          </p>
          <p class="ocr_par" id="p2">
            <span class="ocr_line" id="h2" title="bbox 0 100 500 140"><span class="ocrx_word">第二篇</span></span>
            <span class="ocr_line" id="b2" title="bbox 0 150 500 170"><span class="ocrx_word">第二篇正文。</span></span>
          </p>
        </div></body></html>
        """;

    private const string Gold = """
        {"source": "p.hocr", "articles": [
          {"id": "a1", "lines": [{"id": "h1", "role": "headline"}, {"id": "b1", "role": "body"}]},
          {"id": "a2", "title": "第二篇", "lines": [{"id": "h2", "role": "headline"}, {"id": "b2", "role": "body"}]}],
         "noise": ["n1"]}
        """;

    private static SourcePage Page() => PageReader.Read("p.hocr", Encoding.UTF8.GetBytes(Hocr));

    private static PageSegmentation Predict(SourcePage page, params (string Title, double Confidence, int[] Lines)[] articles) =>
        new(page, articles.Select(a => new SegmentArticle(a.Title, a.Lines.Select(n => new SegmentBlock(BlockRole.Body, n, n)).ToList(), a.Confidence)).ToList());

    [Fact]
    public void Gold_ResolvesLineIdsToTheReadersNumbersAndTakesTitlesFromHeadlineLines()
    {
        var page = Page();
        var gold = GoldPage.Parse(Gold, "gold").Resolve(page);

        var numberOf = page.Lines.Where(l => l.LineId is not null).ToDictionary(l => l.LineId!, l => l.Number);
        Assert.Equal(new[] { numberOf["h1"], numberOf["b1"] }.ToHashSet(), gold.Articles[0].Lines);
        Assert.Equal("大 标 题", gold.Articles[0].Title);
        Assert.Equal("第二篇", gold.Articles[1].Title);
        Assert.DoesNotContain(numberOf["n1"], gold.ScoredLines);
    }

    [Fact]
    public void Gold_NamingALineTheFileDoesNotHave_IsAnError()
    {
        var error = Assert.Throws<InvalidDataException>(() => GoldPage.Parse(Gold.Replace("\"b2\"", "\"zz\"", StringComparison.Ordinal), "gold").Resolve(Page()));
        Assert.Contains("\"zz\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gold_RoundTripsThroughJson()
    {
        var gold = GoldPage.Parse(Gold, "gold");
        var again = GoldPage.Parse(gold.ToJson(), "again");

        Assert.Equal(gold.Articles.Select(a => (a.Id, a.Title, a.Lines.Count)), again.Articles.Select(a => (a.Id, a.Title, a.Lines.Count)));
        Assert.Equal(gold.Noise, again.Noise);
    }

    [Fact]
    public void Evaluator_ScoresOnlyGoldLines_AndBucketsBoundariesByConfidence()
    {
        var page = Page();
        var n = page.Lines.Where(l => l.LineId is not null).ToDictionary(l => l.LineId!, l => l.Number);
        var gold = GoldPage.Parse(Gold, "gold");

        // Right: the first article exactly (plus the noise line, which is not scored), title with other spacing. Wrong: the
        // second article's headline alone, sure of itself; its body alone, unsure.
        var result = SegmentationEvaluator.Evaluate(
            [new EvaluationPage("p", page, gold)],
            p => Predict(p, ("大标题", 0.95, [n["h1"], n["b1"], n["n1"]]), ("第二篇", 0.92, [n["h2"]]), ("", 0.3, [n["b2"]])));

        Assert.Equal(4, result.Lines);
        Assert.Equal(0.5, result.ExactArticleRate, 6);
        Assert.Equal(1.0, result.TitleAccuracy, 6); // a2's best overlap is a tie of one line each: the first, titled 第二篇
        Assert.Equal(1.0, result.Precision, 6);
        Assert.Equal(0.75, result.Recall, 6);
        Assert.Equal((1, 0), (result.Reliability[0].Boundaries, result.Reliability[0].Right));
        Assert.Equal((2, 1, 2), (result.Reliability[3].Boundaries, result.Reliability[3].Right, result.Reliability[3].OpensRight));
        Assert.Equal(0.5, result.SureAccuracy);
    }
}
