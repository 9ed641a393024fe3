using Workbench.Core.Editing;
using Workbench.Core.Segmentation;

namespace Workbench.Core.Tests.Editing;

public class EntityTests
{
    [Fact]
    public void AddEntity_IssuesKeysAndKeepsSource()
    {
        var state = PageBuilder.Sample();

        var applied = state.Applied(new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), "徐振朋", EntitySource.Gazetteer));

        var entity = Assert.Single(applied.NewState.Entities);
        Assert.Equal(new EntityState(1, "PER", new Anchor(2, 0), new Anchor(2, 3), "徐振朋", EntitySource.Gazetteer), entity);
        Assert.Equal(2, applied.NewState.NextEntityKey);
        Assert.Equal(new RemoveEntity(1), applied.Inverse);
    }

    [Fact]
    public void AddEntity_AcrossLines_JoinsWithNewline()
    {
        var state = PageBuilder.Sample();

        var after = state.Then(new AddEntity("MISC", new Anchor(5, 18), new Anchor(6, 3), "jum-\nped"));

        Assert.Equal("jum-\nped", after.Entities[0].Text);
        Assert.Equal("jum-\nped", PageText.Slice(after, new Anchor(5, 18), new Anchor(6, 3)));
    }

    [Fact]
    public void AddEntity_TextDifferentFromPage_IsRejectedWithThePageText()
    {
        var rejected = PageBuilder.Sample().Rejected(new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), "许振朋"));

        Assert.Equal("徐振朋", rejected.CurrentValue);
    }

    [Theory]
    [InlineData(2, 3, 2, 3)]   // empty
    [InlineData(2, 3, 2, 1)]   // backwards
    [InlineData(2, 0, 2, 99)]  // past the end
    [InlineData(4, 4, 4, 5)]   // inside 𠀀
    [InlineData(7, 0, 7, 1)]   // inside 😀
    [InlineData(7, 14, 8, 1)]  // across two articles
    [InlineData(42, 0, 42, 1)] // no such line
    public void AddEntity_InvalidRange_IsRejected(int startLine, int startOffset, int endLine, int endOffset)
    {
        var state = PageBuilder.Sample();
        var start = new Anchor(startLine, startOffset);
        var end = new Anchor(endLine, endOffset);

        Assert.NotEmpty(state.Rejected(new AddEntity("X", start, end, PageText.Slice(state, start, end) ?? "")).Reason);
    }

    [Fact]
    public void AddEntity_StartingOnALineBreak_IsRejected()
    {
        var state = PageBuilder.Sample();

        Assert.Equal(
            "An entity must start and end on text, not on a line break.",
            state.Rejected(new AddEntity("X", new Anchor(1, 9), new Anchor(2, 1), "\n徐")).Reason);
    }

    [Fact]
    public void AddEntity_NonBmpCharacter_CanBeTaggedWhole()
    {
        var state = PageBuilder.Sample();

        var after = state.Then(new AddEntity("X", new Anchor(4, 4), new Anchor(4, 6), "𠀀"));

        Assert.Equal("𠀀", after.Entities[0].Text);
    }

    [Fact]
    public void AddEntity_SameRangeAndLabelTwice_IsRejected()
    {
        var state = PageBuilder.Sample().Tag("PER", 2, "徐振朋");

        Assert.Equal("That text is already tagged PER.", state.Rejected(new AddEntity("PER", new Anchor(2, 0), new Anchor(2, 3), "徐振朋")).Reason);
        Assert.Equal(2, state.Tag("ORG", 2, "徐振朋").Entities.Count);
    }

    [Fact]
    public void RelabelEntity_StaleLabel_IsRejectedWithCurrentLabel()
    {
        var state = PageBuilder.Sample().Tag("PER", 2, "徐振朋");

        var after = state.Then(new RelabelEntity(1, "PER", "ORG"));

        Assert.Equal("ORG", after.Entities[0].Label);
        Assert.Equal("ORG", after.Rejected(new RelabelEntity(1, "PER", "LOC")).CurrentValue);
        PageBuilder.AssertInverseRestores(state, new RelabelEntity(1, "PER", "ORG"));
    }

    [Fact]
    public void RemoveEntity_InverseRestoresItUnderItsKey()
    {
        var state = PageBuilder.Sample().Tag("PER", 2, "徐振朋").Tag("LOC", 1, "乌兰察布市");

        var applied = state.Applied(new RemoveEntity(1));

        Assert.Equal([2], applied.NewState.Entities.Select(e => e.Key));
        PageBuilder.AssertInverseRestores(state, new RemoveEntity(1));
        Assert.Equal([1, 2], applied.NewState.Then(applied.Inverse).Entities.Select(e => e.Key));
        Assert.Equal("Entity 1 does not exist (it may have been removed).", applied.NewState.Rejected(new RemoveEntity(1)).Reason);
    }

    [Fact]
    public void Slice_CrossesBlankLines()
    {
        var state = PageBuilder.Sample();

        Assert.Equal("话\n\n会", PageText.Slice(state, new Anchor(2, 9), new Anchor(4, 1)));
        Assert.Null(PageText.Slice(state, new Anchor(4, 1), new Anchor(2, 9)));
        Assert.Null(PageText.Slice(state, new Anchor(4, 5), new Anchor(4, 6)));
    }

    [Fact]
    public void Entities_MoveWithBlocksWhenMerged()
    {
        var state = PageBuilder.Build(["甲", "乙"], [(BlockRole.Body, 1, 1)], [(BlockRole.Body, 2, 2)]).Tag("X", 2, "乙");

        var after = state.Then(new MergeArticles(2, 1));

        Assert.Equal(1, after.ArticleOfLine(after.Entities[0].Start.Line)!.Key);
    }
}
