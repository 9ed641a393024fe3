using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Segmentation.Evaluation;

/// <summary>Whatever segments a page: the rules (<see cref="Segmenter.Segment"/>), rules + a model, …</summary>
public delegate PageSegmentation PageSegmenter(SourcePage page);

/// <summary>A page of a corpus with its gold. <see cref="Name"/> is what reports show (e.g. <c>synthetic-zh/test/zh-0002.hocr</c>).</summary>
public sealed record EvaluationPage(string Name, SourcePage Page, GoldPage Gold);

/// <summary>
/// Predicted articles (boundaries) whose confidence is in [<see cref="From"/>, <see cref="To"/>) (the last bucket includes 1.0):
/// how many, how many are right (their scored lines are exactly one gold article's), and how many open right (their first
/// scored line is the first scored line of a gold article).
/// </summary>
public sealed record ReliabilityBucket(double From, double To, int Boundaries, int Right, int OpensRight)
{
    public double? Accuracy => Boundaries == 0 ? null : (double)Right / Boundaries;

    public string Label => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{From:0.0#},{To:0.0#}{(To >= 1 ? "]" : ")")}");
}

/// <summary>One page's figures. <see cref="TitleMisses"/>: each gold title that was missed and the title of the predicted article compared with it (null: none overlapped).</summary>
public sealed record PageResult(string Name, int Lines, int GoldArticles, int PredictedArticles, double Precision, double Recall, double F1, int ExactArticles, int TitlesRight)
{
    public IReadOnlyList<(string Gold, string? Predicted)> TitleMisses { get; init; } = [];
}

/// <summary>
/// A corpus's figures. B-cubed precision and recall are averaged over every scored line of every page (each line weighs the
/// same; <see cref="MacroF1"/> is the mean of the pages' F1). Exact-article rate: gold articles whose scored lines are
/// exactly one predicted article's. Title accuracy: see <see cref="BCubedScorer.TitleMatches"/>.
/// </summary>
public sealed record EvaluationResult(
    int Pages,
    int Lines,
    int GoldArticles,
    int PredictedArticles,
    double Precision,
    double Recall,
    double F1,
    double MacroF1,
    double ExactArticleRate,
    double TitleAccuracy,
    IReadOnlyList<ReliabilityBucket> Reliability,
    IReadOnlyList<PageResult> PerPage)
{
    /// <summary>Accuracy of the boundaries scored ≥ 0.9, or null when there are none.</summary>
    public double? SureAccuracy => Reliability[^1].Accuracy;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Pages} pages, {Lines} lines, {GoldArticles} gold / {PredictedArticles} predicted articles: B-cubed P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} (page mean {MacroF1:0.000}); exact articles {ExactArticleRate:0.000}; titles {TitleAccuracy:0.000}; reliability {string.Join(" ", Reliability.Select(b => $"{b.Label} {b.Right}/{b.Boundaries}"))}");
}

/// <summary>Scores a segmenter on a corpus. Only lines the gold puts in an article are scored (blank, noise and unclaimed lines are not).</summary>
public static class SegmentationEvaluator
{
    /// <summary>The confidence buckets of the reliability table: [0,0.5), [0.5,0.7), [0.7,0.9), [0.9,1].</summary>
    public static readonly IReadOnlyList<double> BucketEdges = [0.0, 0.5, 0.7, 0.9, 1.0];

    public static EvaluationResult Evaluate(IEnumerable<EvaluationPage> pages, PageSegmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(segmenter);
        var results = new List<PageResult>();
        var buckets = new (int Boundaries, int Right, int OpensRight)[BucketEdges.Count - 1];
        double precisionSum = 0, recallSum = 0;
        int lines = 0, goldArticles = 0, predictedArticles = 0, exact = 0, titles = 0;
        foreach (var page in pages)
        {
            var gold = page.Gold.Resolve(page.Page);
            var segmentation = segmenter(page.Page);
            var scored = gold.ScoredLines;
            var predicted = segmentation.Articles
                .Select(a => (Article: new ScoredArticle(a.Title, a.Blocks.SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1)).Where(scored.Contains).ToHashSet()), a.Confidence))
                .Where(p => p.Article.Lines.Count > 0)
                .ToList();
            var predictedArticlesOnly = predicted.Select(p => p.Article).ToList();
            var score = BCubedScorer.Score(scored.Order().ToList(), gold.Articles, predictedArticlesOnly);
            var goldSets = gold.Articles.Select(a => a.Lines).ToList();
            var goldStarts = gold.Articles.Select(a => a.Lines.Min()).ToHashSet();
            var pageExact = gold.Articles.Count(g => predictedArticlesOnly.Any(p => p.Lines.SetEquals(g.Lines)));
            foreach (var (article, confidence) in predicted)
            {
                var bucket = BucketOf(confidence);
                var right = goldSets.Any(g => g.SetEquals(article.Lines));
                var opens = goldStarts.Contains(article.Lines.Min());
                buckets[bucket] = (buckets[bucket].Boundaries + 1, buckets[bucket].Right + (right ? 1 : 0), buckets[bucket].OpensRight + (opens ? 1 : 0));
            }

            precisionSum += score.Precision * scored.Count;
            recallSum += score.Recall * scored.Count;
            lines += scored.Count;
            goldArticles += gold.Articles.Count;
            predictedArticles += predicted.Count;
            exact += pageExact;
            titles += score.TitlesCorrect;
            var misses = gold.Articles.Where(g => !BCubedScorer.TitleMatches(g, predictedArticlesOnly))
                .Select(g => (g.Title, predictedArticlesOnly.Select(p => (p.Title, Overlap: p.Lines.Count(g.Lines.Contains))).Where(x => x.Overlap > 0).OrderByDescending(x => x.Overlap).Select(x => x.Title).FirstOrDefault()))
                .ToList();
            results.Add(new PageResult(page.Name, scored.Count, gold.Articles.Count, predicted.Count, score.Precision, score.Recall, score.F1, pageExact, score.TitlesCorrect) { TitleMisses = misses });
        }

        var precision = lines == 0 ? 1.0 : precisionSum / lines;
        var recall = lines == 0 ? 1.0 : recallSum / lines;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var reliability = buckets.Select((b, i) => new ReliabilityBucket(BucketEdges[i], BucketEdges[i + 1], b.Boundaries, b.Right, b.OpensRight)).ToList();
        return new EvaluationResult(
            results.Count,
            lines,
            goldArticles,
            predictedArticles,
            precision,
            recall,
            f1,
            results.Count == 0 ? 1.0 : results.Average(r => r.F1),
            goldArticles == 0 ? 1.0 : (double)exact / goldArticles,
            goldArticles == 0 ? 1.0 : (double)titles / goldArticles,
            reliability,
            results);
    }

    private static int BucketOf(double confidence)
    {
        for (var i = BucketEdges.Count - 2; i > 0; i--)
        {
            if (confidence >= BucketEdges[i])
            {
                return i;
            }
        }

        return 0;
    }
}
