using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Core.Tagging;
using Workbench.Core.Tests.Editing;

namespace Workbench.Core.Tests.Tagging;

public class OccurrencesTests
{
    private static PageState TwoArticles() => PageBuilder.Build(
        [
            "包头市召开会议，包头", // 1
            "市长讲话",            // 2
            "",                   // 3
            "包头市",              // 4
            "会议在包头市",         // 5
            "没有归属的包头市",      // 6
        ],
        [(BlockRole.Body, 1, 4)],
        [(BlockRole.Body, 5, 5)]);

    [Fact]
    public void Find_InArticle_IncludesMatchesAcrossLineBreaks()
    {
        var found = Occurrences.Find(TwoArticles(), "包头市", 1);

        Assert.Equal(
            [(new Anchor(1, 0), new Anchor(1, 3), "包头市"), (new Anchor(1, 8), new Anchor(2, 1), "包头\n市"), (new Anchor(4, 0), new Anchor(4, 3), "包头市")],
            found.Select(f => (f.Start, f.End, f.Text)));
    }

    [Fact]
    public void Find_OnPage_IncludesOtherArticlesAndUnassignedLines()
    {
        var found = Occurrences.Find(TwoArticles(), "包头市", null);

        Assert.Equal([1, 1, 4, 5, 6], found.Select(f => f.Start.Line));
    }

    [Fact]
    public void Find_SearchTextWithLineBreak_IsJoinedLikePageLines()
    {
        Assert.Equal(3, Occurrences.Find(TwoArticles(), "包头\n市", 1).Count);
    }

    [Fact]
    public void Find_NeverSplitsSurrogatePairsOrCombiningSequences()
    {
        var state = PageBuilder.WithLines("e\u0301te e", "😀𠀀x𠀀");

        Assert.Equal([new Anchor(1, 3), new Anchor(1, 5)], Occurrences.Find(state, "e", 1).Select(f => f.Start));
        Assert.Equal([(new Anchor(2, 2), new Anchor(2, 4)), (new Anchor(2, 5), new Anchor(2, 7))], Occurrences.Find(state, "𠀀", 1).Select(f => (f.Start, f.End)));
        Assert.Empty(Occurrences.Find(state, "", 1));
    }

    [Fact]
    public void TagAll_BatchIsAcceptedByPageEditorAndSkipsExistingTags()
    {
        var state = TwoArticles().Tag("LOC", 4, "包头市");

        var batch = Occurrences.TagAll(state, "包头市", "LOC", 1, EntitySource.Manual);
        var after = state.Then(batch);

        Assert.Equal(2, batch.Operations.Count);
        Assert.Equal(3, after.Entities.Count);
        Assert.Contains(after.Entities, e => e.Text == "包头\n市" && e.Label == "LOC");
        Assert.Empty(Occurrences.TagAll(after, "包头市", "LOC", 1).Operations);
    }

    [Fact]
    public void TagAll_DifferentLabelOnSameRange_IsStillAdded()
    {
        var state = TwoArticles().Tag("LOC", 4, "包头市");

        Assert.Equal(3, Occurrences.TagAll(state, "包头市", "ORG", 1).Operations.Count);
    }

    [Fact]
    public void TagAll_OnPage_SkipsUnassignedLinesAndApprovedArticles()
    {
        var state = TwoArticles().Approve(2);

        var batch = Occurrences.TagAll(state, "包头市", "LOC", null, EntitySource.Gazetteer);
        var after = state.Then(batch);

        Assert.Equal([1, 1, 4], after.Entities.Select(e => e.Start.Line));
        Assert.All(after.Entities, e => Assert.Equal(EntitySource.Gazetteer, e.Source));
    }
}
