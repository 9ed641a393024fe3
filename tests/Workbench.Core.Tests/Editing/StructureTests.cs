using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

public class StructureTests
{
    private static readonly string[] TenLines = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

    [Fact]
    public void SplitArticle_MovesLaterLinesToANewArticleRightAfterIt()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Headline, 1, 1), (BlockRole.Body, 2, 6)], [(BlockRole.Body, 7, 10)]);

        var after = state.Then(new SplitArticle(1, 4, "Second half"));

        Assert.Equal([1, 3, 2], after.Articles.Select(a => a.Key));
        Assert.Equal([new BlockState(BlockRole.Headline, 1, 1), new BlockState(BlockRole.Body, 2, 3)], after.Articles[0].Blocks);
        Assert.Equal([new BlockState(BlockRole.Body, 4, 6)], after.Articles[1].Blocks);
        Assert.Equal("Second half", after.Articles[1].Title);
        Assert.Equal(4, after.NextArticleKey);
        Assert.Equal(1, after.Version);
    }

    [Fact]
    public void SplitArticle_WithoutTitle_TakesTheFirstLineOfTheNewArticle()
    {
        var state = PageBuilder.WithLines("标题", "", "第二篇");

        var after = state.Then(new SplitArticle(1, 2));

        Assert.Equal("第二篇", after.Articles[1].Title);
    }

    [Fact]
    public void SplitArticle_MovesEntitiesWithTheirLines()
    {
        var state = PageBuilder.Sample().Tag("PER", 2, "徐振朋").Tag("LOC", 1, "乌兰察布市");

        var after = state.Then(new SplitArticle(1, 2));

        var moved = after.Entities.Single(e => e.Label == "PER");
        Assert.Equal(after.Articles[1].Key, after.ArticleOfLine(moved.Start.Line)!.Key);
        Assert.Equal(1, after.ArticleOfLine(after.Entities.Single(e => e.Label == "LOC").Start.Line)!.Key);
    }

    [Fact]
    public void SplitArticle_InverseIsMerge()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 3), (BlockRole.Body, 4, 6)]);

        var applied = state.Applied(new SplitArticle(1, 4));

        Assert.Equal(new MergeArticles(2, 1), applied.Inverse);
        PageBuilder.AssertInverseRestores(state, new SplitArticle(1, 4));
        PageBuilder.AssertInverseRestores(state, new SplitArticle(1, 3));
    }

    [Fact]
    public void SplitArticle_ThroughAnEntityAcrossLines_IsRejected()
    {
        var state = PageBuilder.WithLines("ab徐振", "朋cd").Then(new AddEntity("PER", new Anchor(1, 2), new Anchor(2, 1), "徐振\n朋"));

        var rejected = state.Rejected(new SplitArticle(1, 2));

        Assert.Contains("PER “徐振\n朋”", rejected.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public void SplitArticle_AtFirstOrForeignLine_IsRejected(int at)
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 6)]);

        Assert.NotEmpty(state.Rejected(new SplitArticle(1, at)).Reason);
    }

    [Fact]
    public void MergeArticles_AppendsBlocksAndRemovesTheSource()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 3)], [(BlockRole.Headline, 4, 4), (BlockRole.Body, 5, 6)], [(BlockRole.Body, 7, 7)]);

        var after = state.Then(new MergeArticles(1, 3));

        Assert.Equal([2, 3], after.Articles.Select(a => a.Key));
        Assert.Equal([new BlockState(BlockRole.Body, 7, 7), new BlockState(BlockRole.Body, 1, 3)], after.Articles[1].Blocks);
        PageBuilder.AssertInverseRestores(state, new MergeArticles(1, 3));
        Assert.NotEmpty(state.Rejected(new MergeArticles(2, 2)).Reason);
        Assert.Contains("Article 9", state.Rejected(new MergeArticles(9, 2)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MoveLines_SplitsBlocksKeepsRolesAndInsertsInLineOrder()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Headline, 1, 2), (BlockRole.Body, 3, 6)], [(BlockRole.Body, 7, 7), (BlockRole.Caption, 9, 10)]);

        var after = state.Then(new MoveLines(2, 4, 2));

        Assert.Equal([new BlockState(BlockRole.Headline, 1, 1), new BlockState(BlockRole.Body, 5, 6)], after.Articles[0].Blocks);
        Assert.Equal(
            [new BlockState(BlockRole.Headline, 2, 2), new BlockState(BlockRole.Body, 3, 4), new BlockState(BlockRole.Body, 7, 7), new BlockState(BlockRole.Caption, 9, 10)],
            after.Articles[1].Blocks);
        PageBuilder.AssertInverseRestores(state, new MoveLines(2, 4, 2));
    }

    [Fact]
    public void MoveLines_ToNewArticle_CreatesItAfterTheSource()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 6)], [(BlockRole.Body, 7, 10)]);

        var after = state.Then(new MoveLines(3, 4, null, "Box"));

        Assert.Equal([1, 3, 2], after.Articles.Select(a => a.Key));
        Assert.Equal("Box", after.Articles[1].Title);
        Assert.Equal([new BlockState(BlockRole.Body, 1, 2), new BlockState(BlockRole.Body, 5, 6)], after.Articles[0].Blocks);
        PageBuilder.AssertInverseRestores(state, new MoveLines(3, 4, null, "Box"));
    }

    [Fact]
    public void MoveLines_EmptyingAnArticle_RemovesItWithANote()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 2)], [(BlockRole.Body, 3, 10)]);

        var applied = state.Applied(new MoveLines(1, 2, 2));

        Assert.Equal([2], applied.NewState.Articles.Select(a => a.Key));
        Assert.Equal(["Article 1 was removed: it had no lines left."], applied.Notes);
        PageBuilder.AssertInverseRestores(state, new MoveLines(1, 2, 2));
    }

    [Fact]
    public void MoveLines_CarriesEntitiesToTheTargetArticle()
    {
        var state = PageBuilder.Sample().Tag("PER", 2, "徐振朋");

        var after = state.Then(new MoveLines(2, 2, 2));

        Assert.Equal(2, after.ArticleOfLine(after.Entities[0].Start.Line)!.Key);
        Assert.Equal("徐振朋", after.Entities[0].Text);
    }

    [Fact]
    public void MoveLines_UnassignedLines_CanBeGivenToAnArticle()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 3)]);

        var after = state.Then(new MoveLines(5, 6, 1));

        Assert.Equal([new BlockState(BlockRole.Body, 1, 3), new BlockState(BlockRole.Body, 5, 6)], after.Articles[0].Blocks);
        PageBuilder.AssertInverseRestores(state, new MoveLines(5, 6, 1));
        PageBuilder.AssertInverseRestores(state, new MoveLines(5, 6, null));
    }

    [Fact]
    public void MoveLines_FromSeveralArticles_IsRejected()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 3)], [(BlockRole.Body, 4, 6)]);

        Assert.Equal("Lines 3–4 belong to more than one article; move them one article at a time.", state.Rejected(new MoveLines(3, 4, null)).Reason);
        Assert.Equal("Lines 4–5 are already in article 2.", state.Rejected(new MoveLines(4, 5, 2)).Reason);
        Assert.NotEmpty(state.Rejected(new MoveLines(5, 4, 1)).Reason);
        Assert.NotEmpty(state.Rejected(new MoveLines(10, 11, 1)).Reason);
    }

    [Fact]
    public void MoveLines_HalfOfACrossLineEntity_IsRejected()
    {
        var state = PageBuilder.WithLines("ab徐振", "朋cd", "x").Then(new AddEntity("PER", new Anchor(1, 2), new Anchor(2, 1), "徐振\n朋"));

        Assert.Contains("split across articles", state.Rejected(new MoveLines(2, 3, null)).Reason, StringComparison.Ordinal);
        Assert.Single(state.Then(new MoveLines(1, 2, null)).Entities);
    }

    [Fact]
    public void ReorderBlocks_PermutesAndInverts()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Headline, 1, 1), (BlockRole.Body, 2, 3), (BlockRole.Caption, 4, 4)]);

        var applied = state.Applied(new ReorderBlocks(1, [2, 0, 1]));

        Assert.Equal([BlockRole.Caption, BlockRole.Headline, BlockRole.Body], applied.NewState.Articles[0].Blocks.Select(b => b.Role));
        PageBuilder.AssertInverseRestores(state, new ReorderBlocks(1, [2, 0, 1]));
        Assert.NotEmpty(state.Rejected(new ReorderBlocks(1, [0, 0, 1])).Reason);
        Assert.NotEmpty(state.Rejected(new ReorderBlocks(1, [0, 1])).Reason);
    }

    [Fact]
    public void SetBlockRole_ChangesOneBlock()
    {
        var state = PageBuilder.Build(TenLines, [(BlockRole.Body, 1, 1), (BlockRole.Body, 2, 3)]);

        var after = state.Then(new SetBlockRole(1, 0, BlockRole.Headline));

        Assert.Equal(BlockRole.Headline, after.Articles[0].Blocks[0].Role);
        Assert.Equal("Article 1 has no block 5.", state.Rejected(new SetBlockRole(1, 5, BlockRole.Byline)).Reason);
        PageBuilder.AssertInverseRestores(state, new SetBlockRole(1, 0, BlockRole.Headline));
    }

    [Fact]
    public void SetTitle_StaleExpectedTitle_IsRejectedWithTheCurrentTitle()
    {
        var state = PageBuilder.Sample().Then(new SetTitle(1, "Article 1", "乌兰察布"));

        var rejected = state.Rejected(new SetTitle(1, "Article 1", "Other"));

        Assert.Equal("乌兰察布", rejected.CurrentValue);
        Assert.Equal("The title of article 1 changed since you loaded it; your edit was not applied.", rejected.Reason);
    }

    [Fact]
    public void SetStatus_StaleExpectedStatus_IsRejectedWithTheCurrentStatus()
    {
        var state = PageBuilder.Sample().Then(new SetStatus(1, ArticleStatus.Draft, ArticleStatus.Submitted));

        var rejected = state.Rejected(new SetStatus(1, ArticleStatus.Draft, ArticleStatus.InProgress));

        Assert.Equal("submitted", rejected.CurrentValue);
        PageBuilder.AssertInverseRestores(state, new SetStatus(1, ArticleStatus.Submitted, ArticleStatus.InProgress));
    }

    [Fact]
    public void Assign_SetsAndClearsTheAssignee()
    {
        var state = PageBuilder.Sample();

        var after = state.Then(new Assign(2, "alice"));

        Assert.Equal("alice", after.Articles[1].AssigneeId);
        Assert.Null(after.Then(new Assign(2, null)).Articles[1].AssigneeId);
        PageBuilder.AssertInverseRestores(after, new Assign(2, null));
    }

    [Fact]
    public void Batch_IsAllOrNothing()
    {
        var state = PageBuilder.Sample();

        var rejected = state.Rejected(new Batch([new SetTitle(1, "Article 1", "New"), new SetTitle(1, "Article 1", "Again")]));

        Assert.Contains("title of article 1", rejected.Reason, StringComparison.Ordinal);
        var applied = state.Applied(new Batch([new SetTitle(1, "Article 1", "New"), new SetTitle(1, "New", "Again")]));
        Assert.Equal(1, applied.NewState.Version);
        Assert.Equal("Again", applied.NewState.Articles[0].Title);
        PageBuilder.AssertInverseRestores(state, new Batch([new SetTitle(1, "Article 1", "New"), new SetTitle(1, "New", "Again")]));
    }

    [Fact]
    public void Apply_NullOrUnknownOperation_IsRejectedNotThrown()
    {
        var state = PageBuilder.Sample();

        Assert.NotEmpty(state.Rejected(null!).Reason);
        Assert.NotEmpty(state.Rejected(new SetTitle(1, "Article 1", null!)).Reason);
        Assert.NotEmpty(state.Rejected(new EditLine(1, state.Lines[1].Text, null!)).Reason);
        Assert.NotEmpty(state.Rejected(new ReorderBlocks(1, null!)).Reason);
        Assert.NotEmpty(state.Rejected(new SetBlocks(1, null!)).Reason);
        Assert.NotEmpty(state.Rejected(new RestoreArticle(0, null!)).Reason);
        Assert.NotEmpty(state.Rejected(new AddEntity(null!, new Anchor(1, 0), new Anchor(1, 1), "乌")).Reason);
    }
}
