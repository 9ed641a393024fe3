using Workbench.Segmentation.Evaluation;

namespace Workbench.Core.Tests.Segmentation;

public class BCubedScorerTests
{
    private static readonly int[] Items = [1, 2, 3, 4];

    private static ScoredArticle A(string title, params int[] lines) => new(title, lines.ToHashSet());

    [Fact]
    public void Scorer_GivesOneForAPerfectSegmentation()
    {
        var gold = new[] { A("一", 1, 2), A("二", 3, 4) };
        var score = BCubedScorer.Score(Items, gold, gold);
        Assert.Equal(1.0, score.Precision, 6);
        Assert.Equal(1.0, score.Recall, 6);
        Assert.Equal(1.0, score.F1, 6);
        Assert.Equal(1.0, score.TitleAccuracy, 6);
    }

    [Fact]
    public void Scorer_LowersPrecisionButNotRecallWhenEverythingIsOneArticle()
    {
        var gold = new[] { A("一", 1, 2), A("二", 3, 4) };
        var score = BCubedScorer.Score(Items, gold, [A("一", 1, 2, 3, 4)]);
        Assert.Equal(0.5, score.Precision, 6);
        Assert.Equal(1.0, score.Recall, 6);
        Assert.Equal(2 * 0.5 / 1.5, score.F1, 6);
    }

    [Fact]
    public void Scorer_LowersRecallButNotPrecisionWhenEveryLineIsAnArticle()
    {
        var gold = new[] { A("一", 1, 2), A("二", 3, 4) };
        var score = BCubedScorer.Score(Items, gold, [A("", 1), A("", 2), A("", 3), A("", 4)]);
        Assert.Equal(1.0, score.Precision, 6);
        Assert.Equal(0.5, score.Recall, 6);
    }

    [Fact]
    public void Scorer_CountsLinesInNoPredictedArticleAsSingletons()
    {
        var gold = new[] { A("一", 1, 2, 3, 4) };
        var score = BCubedScorer.Score(Items, gold, [A("一", 1, 2)]);
        Assert.Equal(1.0, score.Precision, 6);
        Assert.Equal((0.5 + 0.5 + 0.25 + 0.25) / 4, score.Recall, 6);
    }

    [Fact]
    public void Scorer_ComparesTitlesWithoutWhitespaceOnTheMostOverlappingArticle()
    {
        var gold = new[] { A("关注心理健康 呵护心灵家园", 1, 2, 3), A("Second", 4) };
        var predicted = new[] { A("关 注 心 理 健 康 呵护心灵家园", 1, 2), A("wrong", 3, 4) };
        var score = BCubedScorer.Score(Items, gold, predicted);
        Assert.Equal(1, score.TitlesCorrect);
        Assert.Equal(0.5, score.TitleAccuracy, 6);
    }

    [Fact]
    public void Scorer_CountsAGoldArticleWithNoPredictedOverlapAsAWrongTitle()
    {
        var score = BCubedScorer.Score(Items, [A("", 1, 2, 3, 4)], []);
        Assert.Equal(0, score.TitlesCorrect);
    }
}
