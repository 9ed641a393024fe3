using Workbench.Core.Editing;

namespace Workbench.Core.Tests.Editing;

public class EditLineTests
{
    private static EntityState Only(PageState state) => Assert.Single(state.Entities);

    [Fact]
    public void EditLine_InsertionBeforeEntity_ShiftsIt()
    {
        var state = PageBuilder.WithLines("徐振朋主持会议").Tag("ORG", 1, "会议");

        var after = state.Then(new EditLine(1, "徐振朋主持会议", "新徐振朋主持会议"));

        Assert.Equal(new Anchor(1, 6), Only(after).Start);
        Assert.Equal(new Anchor(1, 8), Only(after).End);
        Assert.Equal("会议", Only(after).Text);
        Assert.Equal("新徐振朋主持会议", after.Lines[1].Text);
        Assert.Equal("徐振朋主持会议", after.Lines[1].Original);
        Assert.True(after.Lines[1].IsCorrected);
    }

    [Fact]
    public void EditLine_InsertionAfterEntity_LeavesIt()
    {
        var state = PageBuilder.WithLines("徐振朋主持会议").Tag("PER", 1, "徐振朋");

        var after = state.Then(new EditLine(1, "徐振朋主持会议", "徐振朋主持了会议"));

        Assert.Equal(state.Entities[0], Only(after));
    }

    [Fact]
    public void EditLine_InsertionAtEntityStart_IsBeforeIt()
    {
        var state = PageBuilder.WithLines("记者徐振朋").Tag("PER", 1, "徐振朋");

        var after = state.Then(new EditLine(1, "记者徐振朋", "记者 徐振朋"));

        Assert.Equal("徐振朋", Only(after).Text);
        Assert.Equal(3, Only(after).Start.Offset);
    }

    [Fact]
    public void EditLine_CorrectionInsideEntity_GrowsItAndUpdatesText()
    {
        var state = PageBuilder.WithLines("乌兰察市召开会议").Tag("LOC", 1, "乌兰察市");

        var after = state.Then(new EditLine(1, "乌兰察市召开会议", "乌兰察布市召开会议"));

        Assert.Equal("乌兰察布市", Only(after).Text);
        Assert.Equal(new Anchor(1, 5), Only(after).End);
    }

    [Fact]
    public void EditLine_ReplacingFirstCharacterOfEntity_KeepsTheWholeEntity()
    {
        var state = PageBuilder.WithLines("徐振朋说").Tag("PER", 1, "徐振朋");

        var after = state.Then(new EditLine(1, "徐振朋说", "许振朋说"));

        Assert.Equal("许振朋", Only(after).Text);
    }

    [Fact]
    public void EditLine_DeletionOverlappingEntityStart_ShrinksItToTheSurvivingPart()
    {
        var state = PageBuilder.WithLines("abcdefgh").Tag("X", 1, "cdef");

        var after = state.Then(new EditLine(1, "abcdefgh", "aefgh"));

        Assert.Equal("ef", Only(after).Text);
        Assert.Equal((1, 3), (Only(after).Start.Offset, Only(after).End.Offset));
    }

    [Fact]
    public void EditLine_ReplacementOverlappingEntityEnd_ShrinksItAndExcludesNewText()
    {
        var state = PageBuilder.WithLines("abcdefgh").Tag("X", 1, "cdef");

        var after = state.Then(new EditLine(1, "abcdefgh", "abcdXYZh"));

        Assert.Equal("cd", Only(after).Text);
    }

    [Fact]
    public void EditLine_DeletionInsideEntity_KeepsBothSurvivingParts()
    {
        var state = PageBuilder.WithLines("abcdefgh").Tag("X", 1, "bcdefg");

        var after = state.Then(new EditLine(1, "abcdefgh", "abcfgh"));

        Assert.Equal("bcfg", Only(after).Text);
    }

    [Fact]
    public void EditLine_DeletingAllEntityText_RemovesItWithANote()
    {
        var state = PageBuilder.WithLines("乌兰察布市召开会议").Tag("PER", 1, "乌兰察布");

        var applied = state.Applied(new EditLine(1, "乌兰察布市召开会议", "市召开会议"));

        Assert.Empty(applied.NewState.Entities);
        Assert.Equal(["Entity PER 乌兰察布 removed: its text was deleted."], applied.Notes);
        var restored = applied.NewState.Then(applied.Inverse);
        Assert.True(PageStates.AreEquivalent(state, restored, includeVersionAndCounters: false));
    }

    [Fact]
    public void EditLine_InverseRestoresAShrunkEntity()
    {
        var state = PageBuilder.WithLines("abcdefgh").Tag("X", 1, "cdef");

        PageBuilder.AssertInverseRestores(state, new EditLine(1, "abcdefgh", "aefgh"));
    }

    [Fact]
    public void EditLine_InverseOfPlainEdit_IsTheEditBack()
    {
        var state = PageBuilder.WithLines("乌兰察市").Tag("LOC", 1, "乌兰察市");

        var applied = state.Applied(new EditLine(1, "乌兰察市", "乌兰察布市"));

        Assert.Equal(new EditLine(1, "乌兰察布市", "乌兰察市"), applied.Inverse);
    }

    [Fact]
    public void EditLine_EntityAcrossLineBreak_OnlyOffsetsOnTheEditedLineMove()
    {
        var state = PageBuilder.WithLines("ab徐振", "朋cd")
            .Then(new AddEntity("PER", new Anchor(1, 2), new Anchor(2, 1), "徐振\n朋"));

        var after = state.Then(new EditLine(1, "ab徐振", "XXab徐振"));

        Assert.Equal(new Anchor(1, 4), Only(after).Start);
        Assert.Equal(new Anchor(2, 1), Only(after).End);
        Assert.Equal("徐振\n朋", Only(after).Text);

        var later = after.Then(new EditLine(2, "朋cd", "朋友cd"));
        Assert.Equal("徐振\n朋", Only(later).Text);
    }

    [Fact]
    public void EditLine_DeletingFirstLinePartOfCrossLineEntity_KeepsTheRestOnTheNextLine()
    {
        var state = PageBuilder.WithLines("ab徐振", "朋cd")
            .Then(new AddEntity("PER", new Anchor(1, 2), new Anchor(2, 1), "徐振\n朋"));

        var applied = state.Applied(new EditLine(1, "ab徐振", "ab"));

        Assert.Equal(new Anchor(2, 0), Only(applied.NewState).Start);
        Assert.Equal("朋", Only(applied.NewState).Text);
        PageBuilder.AssertInverseRestores(state, new EditLine(1, "ab徐振", "ab"));
    }

    [Theory]
    [InlineData("𠀀😀𠀀", "𠀀😁𠀀")]
    [InlineData("𠀀😀𠀀", "𠀀𠀀😀𠀀")]
    [InlineData("𠀀😀𠀀", "😀𠀀")]
    [InlineData("𠀀😀𠀀", "𠀀😀")]
    [InlineData("𠀀😀𠀀", "𠀁😀𠀁")]
    [InlineData("𠀀😀𠀀", "x")]
    public void EditLine_CharactersOutsideTheBmp_AreNeverSplit(string before, string after)
    {
        var state = PageBuilder.WithLines(before).Tag("X", 1, "😀");

        var applied = state.Applied(new EditLine(1, before, after));

        foreach (var e in applied.NewState.Entities)
        {
            Assert.True(PageText.IsBoundary(after, e.Start.Offset));
            Assert.True(PageText.IsBoundary(after, e.End.Offset));
            Assert.Equal(PageText.Slice(applied.NewState, e.Start, e.End), e.Text);
        }

        PageBuilder.AssertInverseRestores(state, new EditLine(1, before, after));
    }

    [Fact]
    public void EditLine_StaleExpectedText_IsRejectedWithTheCurrentText()
    {
        var state = PageBuilder.WithLines("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "乌兰察布市");

        var rejected = state.Rejected(new EditLine(12, "乌兰察市", "乌兰察布市。"));

        Assert.Equal("Line 12 changed since you loaded it; your edit was not applied.", rejected.Reason);
        Assert.Equal("乌兰察布市", rejected.CurrentValue);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\r")]
    public void EditLine_TextWithLineBreak_IsRejected(string text)
    {
        var state = PageBuilder.WithLines("a");

        Assert.NotNull(state.Rejected(new EditLine(1, "a", text)).Reason);
    }

    [Fact]
    public void EditLine_MissingLine_IsRejected()
    {
        Assert.Contains("Line 9", PageBuilder.WithLines("a").Rejected(new EditLine(9, "a", "b")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EditLine_CrlfSourceLine_EditsWithoutCarriageReturns()
    {
        var page = Workbench.Core.Pages.PageReader.Read("crlf.txt", System.Text.Encoding.UTF8.GetBytes("徐振朋\r\n主持\r\n"));
        var state = PageStates.FromSegmentation(Workbench.Core.Segmentation.Segmenter.Segment(page));
        var tagged = state.Then(new AddEntity("PER", new Anchor(1, 0), new Anchor(1, 3), "徐振朋"));

        var after = tagged.Then(new EditLine(1, "徐振朋", "许振朋"));

        Assert.Equal("许振朋", Assert.Single(after.Entities).Text);
    }
}
