using FsCheck.Xunit;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Core.Text;

namespace Workbench.Core.Tests.Editing;

public class ArticleTextsTests
{
    [Fact]
    public void Build_JoinsBlocksLikeArticleText()
    {
        var state = PageBuilder.Sample();

        var map = ArticleTexts.Build(state, 1)!;

        var expected = ArticleText.JoinBlocks(
        [
            ArticleText.JoinLines([state.Lines[1].Text]),
            ArticleText.JoinLines([.. Enumerable.Range(2, 6).Select(n => state.Lines[n].Text)]),
        ]);
        Assert.Equal(expected, map.Text);
        Assert.Contains("jumped over", map.Text, StringComparison.Ordinal);
        Assert.Null(ArticleTexts.Build(state, 99));
    }

    [Fact]
    public void OffsetOf_MapsEntitiesToTheirTextInTheArticle()
    {
        var state = PageBuilder.Sample()
            .Tag("PER", 2, "徐振朋")
            .Tag("X", 4, "𠀀")
            .Tag("X", 7, "😀")
            .Then(new AddEntity("MISC", new Anchor(2, 8), new Anchor(4, 2), "讲话\n\n会议"));

        var map = ArticleTexts.Build(state, 1)!;

        foreach (var e in state.Entities)
        {
            var (start, end) = map.RangeOf(e)!.Value;
            Assert.Equal(e.Text.Replace("\n", "", StringComparison.Ordinal), map.Text[start..end]);
        }

        Assert.Null(map.OffsetOf(new Anchor(9, 0)));
    }

    [Fact]
    public void OffsetOf_HyphenatedLineEnd_ClampsToTheJoinedWord()
    {
        var state = PageBuilder.WithLines("A quick jum-", "ped fox");

        var map = ArticleTexts.Build(state, 1)!;

        Assert.Equal("A quick jumped fox", map.Text);
        Assert.Equal("jumped", map.Text[map.OffsetOf(new Anchor(1, 8))!.Value..map.OffsetOf(new Anchor(2, 3))!.Value]);
        Assert.Equal(11, map.OffsetOf(new Anchor(1, 12)));
    }

    [Fact]
    public void OffsetOf_TrimmedWhitespace_Clamps()
    {
        var state = PageBuilder.Build(["  乌兰察布  ", "市"], [(BlockRole.Headline, 1, 1)], [(BlockRole.Body, 2, 2)]);

        var map = ArticleTexts.Build(state, 1)!;

        Assert.Equal("乌兰察布", map.Text);
        Assert.Equal(0, map.OffsetOf(new Anchor(1, 0)));
        Assert.Equal(1, map.OffsetOf(new Anchor(1, 3)));
        Assert.Equal(4, map.OffsetOf(new Anchor(1, 8)));
    }

    [Fact]
    public void JoinLinesMapped_AgreesWithJoinLines()
    {
        string[] lines = ["Line one.", "", "  second", "hyph-", "enated", "中文", "继续", "😀", "end"];

        var joined = ArticleText.JoinLinesMapped(lines);

        Assert.Equal(ArticleText.JoinLines(lines), joined.Text);
        for (var i = 0; i < lines.Length; i++)
        {
            var span = joined.Spans[i];
            Assert.Equal(Part(lines[i], span.SourceStart, span.Length), Part(joined.Text, span.TextStart, span.Length));
        }
    }

    [Property(MaxTest = 200)]
    public bool JoinLinesMapped_KeptCharactersAppearInTheText(string[] lines)
    {
        lines = [.. (lines ?? []).Select(l => (l ?? "").Replace("\n", "", StringComparison.Ordinal))];
        var joined = ArticleText.JoinLinesMapped(lines);
        return joined.Text == ArticleText.JoinLines(lines)
            && joined.Spans.Count == lines.Length
            && Enumerable.Range(0, lines.Length).All(i =>
                Part(lines[i], joined.Spans[i].SourceStart, joined.Spans[i].Length)
                == Part(joined.Text, joined.Spans[i].TextStart, joined.Spans[i].Length));
    }

    private static string Part(string text, int start, int length) => text.Substring(start, length);
}
