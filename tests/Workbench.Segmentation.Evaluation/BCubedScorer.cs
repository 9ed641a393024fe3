using System.Text.Json;
using Workbench.Core.Segmentation;

namespace Workbench.Segmentation.Evaluation;

/// <summary>An article as a set of source lines and a title, for scoring (gold or predicted).</summary>
public sealed record ScoredArticle(string Title, IReadOnlySet<int> Lines)
{
    /// <summary>The gold article's id, when it came from gold; null for predicted articles.</summary>
    public string? Id { get; init; }
}

public sealed record SegmentationScore(double Precision, double Recall, double F1, int TitlesCorrect, int GoldArticles)
{
    public double TitleAccuracy => GoldArticles == 0 ? 1.0 : (double)TitlesCorrect / GoldArticles;

    public override string ToString() =>
        $"B-cubed P={Precision:0.000} R={Recall:0.000} F1={F1:0.000}; titles {TitlesCorrect}/{GoldArticles} = {TitleAccuracy:0.000}";
}

/// <summary>
/// B-cubed precision/recall over items (non-blank lines): each item's cluster is its article; an item in no article is a
/// singleton. Title accuracy: each gold article is matched to the predicted article sharing most lines with it; the title
/// is right if both are equal once all whitespace is removed.
/// </summary>
public static class BCubedScorer
{
    public static SegmentationScore Score(IReadOnlyCollection<int> items, IReadOnlyList<ScoredArticle> gold, IReadOnlyList<ScoredArticle> predicted)
    {
        var goldOf = ClusterOf(gold);
        var predictedOf = ClusterOf(predicted);
        double precision = 0, recall = 0;
        foreach (var item in items)
        {
            var g = goldOf.TryGetValue(item, out var gc) ? gc : new HashSet<int> { item };
            var p = predictedOf.TryGetValue(item, out var pc) ? pc : new HashSet<int> { item };
            var common = p.Count(g.Contains);
            precision += (double)common / p.Count;
            recall += (double)common / g.Count;
        }

        if (items.Count > 0)
        {
            precision /= items.Count;
            recall /= items.Count;
        }
        else
        {
            precision = recall = 1.0;
        }

        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        var titles = gold.Count(g => TitleMatches(g, predicted));
        return new SegmentationScore(precision, recall, f1, titles, gold.Count);
    }

    /// <summary>Scores a segmentation against gold, over the page's non-blank lines.</summary>
    public static SegmentationScore Score(PageSegmentation segmentation, IReadOnlyList<ScoredArticle> gold)
    {
        var items = segmentation.Page.Lines.Where(l => !l.IsBlank).Select(l => l.Number).ToList();
        var nonBlank = items.ToHashSet();
        var predicted = segmentation.Articles
            .Select(a => new ScoredArticle(a.Title, a.Blocks.SelectMany(b => Enumerable.Range(b.FirstLine, b.LastLine - b.FirstLine + 1)).Where(nonBlank.Contains).ToHashSet()))
            .ToList();
        var goldOnPage = gold.Select(g => g with { Lines = g.Lines.Where(nonBlank.Contains).ToHashSet() }).ToList();
        return Score(items, goldOnPage, predicted);
    }

    /// <summary>Reads a gold file: {"source": "...", "articles": [{"title": "...", "lines": [[first, last], ...]}]}.</summary>
    public static IReadOnlyList<ScoredArticle> ReadGold(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("articles").EnumerateArray()
            .Select(a => new ScoredArticle(
                a.GetProperty("title").GetString() ?? "",
                a.GetProperty("lines").EnumerateArray()
                    .SelectMany(r => Enumerable.Range(r[0].GetInt32(), r[1].GetInt32() - r[0].GetInt32() + 1))
                    .ToHashSet()))
            .ToList();
    }

    public static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>
    /// The title of <paramref name="gold"/> is right when the predicted article sharing most lines with it (the first such in
    /// predicted order on a tie) has the same title once all whitespace is removed from both.
    /// </summary>
    public static bool TitleMatches(ScoredArticle gold, IReadOnlyList<ScoredArticle> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var best = predicted
            .Select(p => (Article: p, Overlap: p.Lines.Count(gold.Lines.Contains)))
            .Where(x => x.Overlap > 0)
            .OrderByDescending(x => x.Overlap)
            .Select(x => x.Article)
            .FirstOrDefault();
        return best is not null && WithoutWhitespace(best.Title) == WithoutWhitespace(gold.Title);
    }

    private static Dictionary<int, HashSet<int>> ClusterOf(IReadOnlyList<ScoredArticle> articles)
    {
        var clusters = new Dictionary<int, HashSet<int>>();
        foreach (var article in articles)
        {
            var set = article.Lines.ToHashSet();
            foreach (var line in set)
            {
                clusters.TryAdd(line, set);
            }
        }

        return clusters;
    }
}
