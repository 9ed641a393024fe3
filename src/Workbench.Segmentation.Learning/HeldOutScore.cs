using Workbench.Core.Pages;
using Workbench.Core.Segmentation;

namespace Workbench.Segmentation.Learning;

/// <summary>B-cubed precision, recall and F1 over pages (every line the gold places weighs the same), for comparing segmenters on held-out pages.</summary>
public sealed record SegmentationScore(int Pages, int Lines, double Precision, double Recall, double F1);

public static class HeldOutScore
{
    public static SegmentationScore Score(IEnumerable<TrainingPage> pages, Func<SourcePage, PageSegmentation> segment)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(segment);
        double precision = 0, recall = 0;
        int lines = 0, count = 0;
        foreach (var page in pages)
        {
            count++;
            var placed = SegmenterTrainer.Placed(page.Gold);
            var gold = ArticleOf(page.Gold, placed);
            var predicted = ArticleOf(segment(page.Page), placed);
            foreach (var line in placed)
            {
                var goldSet = gold.Members[gold.Of[line]];
                var predictedSet = predicted.Of.TryGetValue(line, out var p) ? predicted.Members[p] : [line];
                var both = goldSet.Count(predictedSet.Contains);
                precision += (double)both / predictedSet.Count;
                recall += (double)both / goldSet.Count;
                lines++;
            }
        }

        if (lines == 0)
        {
            return new SegmentationScore(count, 0, 1, 1, 1);
        }

        precision /= lines;
        recall /= lines;
        return new SegmentationScore(count, lines, precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    private static (Dictionary<int, int> Of, List<HashSet<int>> Members) ArticleOf(PageSegmentation segmentation, HashSet<int> placed)
    {
        var of = new Dictionary<int, int>();
        var members = new List<HashSet<int>>();
        foreach (var article in segmentation.Articles)
        {
            var set = SegmentationFeatures.Numbers(article).Where(placed.Contains).Where(n => !of.ContainsKey(n)).ToHashSet();
            if (set.Count == 0)
            {
                continue;
            }

            foreach (var n in set)
            {
                of[n] = members.Count;
            }

            members.Add(set);
        }

        return (of, members);
    }
}
