using Workbench.Core.Segmentation;
using Workbench.Segmentation.Evaluation;
using Workbench.Segmentation.Learning;

namespace Workbench.Benchmarks;

/// <summary>Turns evaluation-corpus pages into training pages: the gold in the page's own line numbers, with each line's gold role.</summary>
public static class CorpusTraining
{
    /// <summary>The dev halves a base model may learn from (never a test half).</summary>
    public static IReadOnlyList<CorpusHalf> DevHalves(bool generated = true) =>
    [
        Corpora.MetsFixtures(Corpora.Dev),
        Corpora.SharedMets(Corpora.Dev),
        Corpora.Synthetic("zh", Corpora.Dev, "hocr", generated),
        Corpora.Synthetic("zh", Corpora.Dev, "alto", generated),
        Corpora.Synthetic("latin", Corpora.Dev, "hocr", generated),
        Corpora.Synthetic("latin", Corpora.Dev, "alto", generated),
        Corpora.HandGold(),
    ];

    public static TrainingPage ToTraining(EvaluationPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var source = page.Page;
        var byId = source.Lines.Where(l => l.LineId is not null).GroupBy(l => l.LineId!).ToDictionary(g => g.Key, g => g.First().Number, StringComparer.Ordinal);
        var resolved = page.Gold.Resolve(source);
        var articles = new List<SegmentArticle>();
        foreach (var (gold, scored) in page.Gold.Articles.Zip(ResolvedInOrder(page.Gold, resolved)))
        {
            var roles = new Dictionary<int, BlockRole>();
            foreach (var line in gold.Lines)
            {
                var numbers = line.Key.Id is { } id ? (byId.TryGetValue(id, out var n) ? [n] : []) : new[] { line.Key.Number };
                foreach (var number in numbers)
                {
                    roles[number] = BlockRoles.TryParse(line.Role, out var role) ? role : BlockRole.Body;
                }
            }

            if (scored is null || scored.Lines.Count == 0)
            {
                continue;
            }

            var blocks = scored.Lines.Order().Select(n => new SegmentBlock(roles.GetValueOrDefault(n, BlockRole.Body), n, n)).ToList();
            articles.Add(new SegmentArticle(scored.Title, blocks));
        }

        // Gold that names no roles (hand gold) or only headline/body (METS) says where articles are, not what each line is.
        var rolesKnown = page.Gold.Articles.SelectMany(a => a.Lines).All(l => l.Role is not null)
            && page.Gold.Articles.SelectMany(a => a.Lines).Select(l => l.Role).Distinct(StringComparer.Ordinal).Count() >= 3;
        return new TrainingPage(source, new PageSegmentation(source, articles), rolesKnown);
    }

    /// <summary>The resolved article of each gold article (the resolver drops empty ones; ids match them up).</summary>
    private static IEnumerable<ScoredArticle?> ResolvedInOrder(GoldPage gold, ResolvedGold resolved)
    {
        var byId = resolved.Articles.Where(a => a.Id is not null).GroupBy(a => a.Id!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return gold.Articles.Select(a => byId.GetValueOrDefault(a.Id));
    }
}
