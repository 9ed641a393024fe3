using Workbench.Core.Pages;
using Workbench.Core.Segmentation;
using Xunit.Abstractions;
using Workbench.Segmentation.Evaluation;

namespace Workbench.Core.Tests.Segmentation;

/// <summary>
/// The segmenter against hand-made gold for the sample pages in data/seeds. The rules were written reading these pages, so
/// this guards them but is not the measure: <see cref="CorpusTests"/> scores the evaluation corpora's test halves.
/// </summary>
public class SeedPageTests(ITestOutputHelper output)
{
    public static TheoryData<string> SeedPages => new()
    {
        "000a_3b61d9199e17de9f.txt",
        "001_12197b68ae50d42b.txt",
        "002_9769de2f8fa82c4a.txt",
    };

    [Theory]
    [MemberData(nameof(SeedPages))]
    public void Segmenter_MatchesGoldOnSeedPage(string seed)
    {
        var page = PageReader.Read(seed, File.ReadAllBytes(RepoPaths.Seed(seed)));
        var gold = BCubedScorer.ReadGold(RepoPaths.Gold(seed));

        var segmentation = Segmenter.Segment(page);
        var score = BCubedScorer.Score(segmentation, gold);

        output.WriteLine($"{seed}: {score}");
        foreach (var article in segmentation.Articles)
        {
            output.WriteLine($"  [{article.Confidence:0.00}] {article.Title} :: {string.Join(" ", article.Blocks.Select(b => $"{b.Role.Name()} {b.FirstLine}-{b.LastLine}"))}");
        }

        Assert.True(score.F1 >= 0.97, $"B-cubed F1 {score.F1:0.000} < 0.97 on {seed}");
        Assert.True(score.TitleAccuracy >= 0.9, $"title accuracy {score.TitleAccuracy:0.000} < 0.9 on {seed}");
    }

    [Theory]
    [MemberData(nameof(SeedPages))]
    public void Gold_CoversEveryNonBlankLineOnce(string seed)
    {
        var page = PageReader.Read(seed, File.ReadAllBytes(RepoPaths.Seed(seed)));
        var gold = BCubedScorer.ReadGold(RepoPaths.Gold(seed));
        var nonBlank = page.Lines.Where(l => !l.IsBlank).Select(l => l.Number).ToList();
        var covered = gold.SelectMany(a => a.Lines.Where(n => !page.Line(n).IsBlank)).ToList();
        Assert.Equal(nonBlank, covered.Order());
    }
}
