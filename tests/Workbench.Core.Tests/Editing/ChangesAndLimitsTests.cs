using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Testing;

namespace Workbench.Core.Tests.Editing;

/// <summary>What Apply reports as changed, the workflow table, and the size caps.</summary>
public class ChangesAndLimitsTests
{
    [Fact]
    public void ReportedChanges_OfEveryRandomOperation_AreExactlyWhatDiffersBetweenTheStates()
    {
        var rng = new Random(5);
        var state = PageBuilder.Sample();
        for (var i = 0; i < 1500; i++)
        {
            var op = RandomOperations.Next(state, rng);
            var applied = state.Applied(op);
            var changes = applied.Changes;
            var after = applied.NewState;
            var what = PageOperationJson.Serialize(op);

            Assert.Equal(after.Lines.Values.Where(l => l.Text != state.Lines[l.Number].Text).Select(l => l.Number), changes.Lines.Where(n => after.Lines[n].Text != state.Lines[n].Text));
            Assert.All(changes.Lines, n => Assert.True(state.Lines.ContainsKey(n), what));

            var before = state.Articles.ToDictionary(a => a.Key);
            var now = after.Articles.ToDictionary(a => a.Key);
            Assert.Equal(before.Keys.Except(now.Keys).Order(), changes.RemovedArticles.Where(k => before.ContainsKey(k)));
            Assert.Equal(
                now.Values.Where(a => !before.TryGetValue(a.Key, out var b) || !Same(a, b)).Select(a => a.Key).Order(),
                changes.Articles.Where(k => !before.TryGetValue(k, out var b) || !Same(now[k], b)));
            Assert.All(changes.Articles, k => Assert.True(now.ContainsKey(k), what));
            Assert.Equal(!state.Articles.Select(a => a.Key).SequenceEqual(after.Articles.Select(a => a.Key)), changes.ArticleOrder && !state.Articles.Select(a => a.Key).SequenceEqual(after.Articles.Select(a => a.Key)));
            if (!state.Articles.Select(a => a.Key).SequenceEqual(after.Articles.Select(a => a.Key)))
            {
                Assert.True(changes.ArticleOrder, what);
            }

            var oldEntities = state.Entities.ToDictionary(e => e.Key);
            var newEntities = after.Entities.ToDictionary(e => e.Key);
            Assert.Equal(oldEntities.Keys.Except(newEntities.Keys).Order(), changes.RemovedEntities.Where(oldEntities.ContainsKey));
            Assert.Equal(newEntities.Values.Where(e => !oldEntities.TryGetValue(e.Key, out var o) || o != e).Select(e => e.Key).Order(), changes.Entities.Where(k => !oldEntities.TryGetValue(k, out var o) || o != newEntities[k]));
            Assert.All(changes.Entities, k => Assert.True(newEntities.ContainsKey(k), what));

            // Content: every article whose line text, blocks, title or entities changed is named.
            foreach (var article in after.Articles.Where(a => before.ContainsKey(a.Key)))
            {
                var old = before[article.Key];
                var contentChanged = old.Title != article.Title || !old.Blocks.SequenceEqual(article.Blocks)
                    || PageStates.LinesOf(article).Any(n => state.Lines[n].Text != after.Lines[n].Text)
                    || EntitiesOf(state, old).SequenceEqual(EntitiesOf(after, article)) is false;
                if (contentChanged)
                {
                    Assert.True(changes.ContentArticles.Contains(article.Key), $"{what}: content of {article.Key} changed unreported");
                }
            }

            state = after;
        }
    }

    [Fact]
    public void Changes_InABatch_EndAsTheLastStepLeftThem()
    {
        var state = PageBuilder.Sample();
        var tagged = state.Applied(new Batch([
            new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), "徐振朋"),
            new RemoveEntity(1),
            new AddEntity("LOC", new Anchor(1, 0), new Anchor(1, 5), "乌兰察布市"),
        ]));

        Assert.Equal([2], tagged.Changes.Entities);
        Assert.Equal([1], tagged.Changes.RemovedEntities);
        Assert.Equal([1], tagged.Changes.ContentArticles);
        Assert.Empty(tagged.Changes.Articles);

        var merged = state.Applied(new Batch([new SplitArticle(1, 4), new MergeArticles(3, 1)]));
        Assert.Equal([1], merged.Changes.Articles);
        Assert.Equal([3], merged.Changes.RemovedArticles);
        Assert.True(merged.Changes.ArticleOrder);

        var status = state.Applied(new SetStatus(2, ArticleStatus.Draft, ArticleStatus.InProgress));
        Assert.Equal([2], status.Changes.Articles);
        Assert.Empty(status.Changes.ContentArticles);
    }

    [Fact]
    public void Confidence_IsPartOfTheArticle_AndSurvivesEdits()
    {
        var page = new Core.Pages.SourcePage("t.txt", Core.Pages.SourceFormat.Text, [new(1, "标题"), new(2, "正文"), new(3, "第二篇"), new(4, "正文二")]);
        var state = PageStates.FromSegmentation(new PageSegmentation(page, [
            new SegmentArticle("标题", [new SegmentBlock(BlockRole.Headline, 1, 1), new SegmentBlock(BlockRole.Body, 2, 2)], 0.42),
            new SegmentArticle("第二篇", [new SegmentBlock(BlockRole.Body, 3, 4)], 0.9),
        ]));
        Assert.Equal([0.42, 0.9], state.Articles.Select(a => a.Confidence));

        var after = state
            .Then(new SetTitle(1, "标题", "新标题"))
            .Then(new SplitArticle(2, 4))
            .Then(new EditLine(2, "正文", "正文。"))
            .Then(new AddEntity("ORG", new Anchor(2, 0), new Anchor(2, 2), "正文"));

        Assert.Equal(0.42, after.FindArticle(1)!.Confidence);
        Assert.Equal(0.9, after.FindArticle(2)!.Confidence);
        Assert.Equal(1.0, after.FindArticle(3)!.Confidence); // a person made that boundary

        // A merge and its undo bring the article back with its confidence.
        var merged = after.Applied(new MergeArticles(2, 1));
        Assert.Equal(0.9, merged.NewState.Then(merged.Inverse).FindArticle(2)!.Confidence);
    }

    [Theory]
    [InlineData(ArticleStatus.Draft, ArticleStatus.Approved)]
    [InlineData(ArticleStatus.InProgress, ArticleStatus.Approved)]
    [InlineData(ArticleStatus.Draft, ArticleStatus.ChangesRequested)]
    [InlineData(ArticleStatus.Submitted, ArticleStatus.Draft)]
    public void SetStatus_OutsideTheWorkflow_IsRejected(ArticleStatus from, ArticleStatus to)
    {
        var state = PageBuilder.Sample();
        if (from != ArticleStatus.Draft)
        {
            state = state.Then(new Batch([.. Path(ArticleStatus.Draft, from).Select(p => new SetStatus(1, p.From, p.To))]));
        }

        var rejected = state.Rejected(new SetStatus(1, from, to));

        Assert.Equal($"An article cannot go from {PageEditor.StatusWords(from)} to {PageEditor.StatusWords(to)}.", rejected.Reason);
        Assert.False(ArticleWorkflow.IsTransition(from, to));
    }

    [Fact]
    public void SetStatus_AlongTheWorkflow_IsApplied()
    {
        var state = PageBuilder.Sample().Approve(1);

        Assert.Equal(ArticleStatus.Approved, state.Articles[0].Status);
        Assert.Equal(ArticleStatus.InProgress, state.Then(new SetStatus(1, ArticleStatus.Approved, ArticleStatus.InProgress)).Articles[0].Status);
        Assert.Equal(9, ArticleWorkflow.Transitions.Count());
    }

    [Fact]
    public void Caps_AreEnforcedByName()
    {
        var state = PageBuilder.Sample();
        var title = new string('题', EditLimits.MaxTitle + 1);

        Assert.Equal("A title may be at most 500 characters long; this one has 501.", state.Rejected(new SetTitle(1, "Article 1", title)).Reason);
        Assert.Contains("A title may be at most 500", state.Rejected(new SplitArticle(1, 4, title)).Reason, StringComparison.Ordinal);
        Assert.Contains("A title may be at most 500", state.Rejected(new MoveLines(9, 10, null, title)).Reason, StringComparison.Ordinal);
        Assert.Equal(EditLimits.MaxTitle, state.Then(new SetTitle(1, "Article 1", new string('x', EditLimits.MaxTitle))).Articles[0].Title.Length);

        var line = state.Lines[2].Text;
        Assert.Equal("A line may be at most 10000 characters long; this one has 10001.", state.Rejected(new EditLine(2, line, new string('字', EditLimits.MaxLineText + 1))).Reason);
        Assert.Contains("A label name may be at most 50", state.Rejected(new AddEntity(new string('L', 51), new Anchor(1, 0), new Anchor(1, 2), "乌兰")).Reason, StringComparison.Ordinal);
        Assert.Contains("An assignee id may be at most 450", state.Rejected(new Assign(1, new string('a', 451))).Reason, StringComparison.Ordinal);

        var steps = Enumerable.Range(0, EditLimits.MaxSteps + 1).Select(_ => (PageOperation)new Assign(1, "bob")).ToList();
        Assert.Equal("One change may hold at most 5000 steps; this one has 5001. Nothing was applied.", state.Rejected(new Batch(steps)).Reason);
        Assert.Equal("bob", state.Then(new Batch(steps[..EditLimits.MaxSteps])).Articles[0].AssigneeId);
        Assert.Contains("5000 steps", state.Rejected(new Batch([new Batch(steps[..3000]), new Batch(steps[..3000])])).Reason, StringComparison.Ordinal);
    }

    private static bool Same(ArticleState a, ArticleState b) =>
        a.Key == b.Key && a.Title == b.Title && a.Status == b.Status && a.AssigneeId == b.AssigneeId && a.Confidence.Equals(b.Confidence) && a.Blocks.SequenceEqual(b.Blocks);

    private static List<EntityState> EntitiesOf(PageState state, ArticleState article)
    {
        var lines = PageStates.LinesOf(article).ToHashSet();
        return [.. state.Entities.Where(e => lines.Contains(e.Start.Line)).OrderBy(e => e.Key)];
    }

    private static IEnumerable<(ArticleStatus From, ArticleStatus To)> Path(ArticleStatus from, ArticleStatus to) => (from, to) switch
    {
        (ArticleStatus.Draft, ArticleStatus.InProgress) => [(from, to)],
        (ArticleStatus.Draft, ArticleStatus.Submitted) => [(from, to)],
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };
}
