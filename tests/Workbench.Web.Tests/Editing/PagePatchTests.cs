using System.Collections.Immutable;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
using Workbench.Testing;
using Workbench.Web.Editing;

namespace Workbench.Web.Tests.Editing;

/// <summary>What a broadcast patch carries of the articles' joined texts (WIRE.md, "texts").</summary>
public sealed class PagePatchTests
{
    /// <summary>Two articles: lines 1–3 (headline and body) and 4–5.</summary>
    private static readonly PageState Page = new(
        0,
        ImmutableSortedDictionary.CreateRange(new[] { "内蒙古新闻", "第一行正文", "第二行正文", "另一篇", "它的正文" }
            .Select((text, i) => KeyValuePair.Create(i + 1, new LineState(i + 1, text, text)))),
        [
            new ArticleState(1, "内蒙古新闻", ArticleStatus.Draft, [new BlockState(BlockRole.Headline, 1, 1), new BlockState(BlockRole.Body, 2, 3)]),
            new ArticleState(2, "另一篇", ArticleStatus.Draft, [new BlockState(BlockRole.Body, 4, 5)]),
        ],
        [new EntityState(1, "LOC", new Anchor(1, 0), new Anchor(1, 3), "内蒙古")],
        3,
        2);

    private static PagePatch PatchOf(PageState state, PageOperation operation) =>
        PageEditor.Apply(state, operation) is OperationResult.Applied applied
            ? PagePatch.Of(applied.NewState, applied.Changes)
            : throw new InvalidOperationException($"{operation} was refused");

    private static PagePatch SplicedPatchOf(PageState state, PageOperation operation) =>
        PageEditor.Apply(state, operation) is OperationResult.Applied applied
            ? PagePatch.Of(state, applied.NewState, applied.Changes)
            : throw new InvalidOperationException($"{operation} was refused");

    [Fact]
    public void LineEdit_SendsOnlyTheCharactersThatChanged_AndTheClientsTextIsTheServersAfterIt()
    {
        var before = EditorState.TextsOf(Page, [1]).Single();

        var patch = SplicedPatchOf(Page, new EditLine(2, "第一行正文", "第一行𠀀😀正文"));

        Assert.Empty(patch.Texts);
        var splice = Assert.Single(patch.TextSplices);
        Assert.Equal("𠀀😀", splice.Inserted);
        Assert.Equal(0, splice.Removed);
        Assert.Single(splice.Spans);
        var after = EditorState.TextsOf(PageEditor.Apply(Page, new EditLine(2, "第一行正文", "第一行𠀀😀正文")) is OperationResult.Applied a ? a.NewState : Page, [1]).Single();
        var spliced = splice.ApplyTo(before);
        Assert.Equal(after.Text, spliced.Text);
        Assert.Equal(after.Spans, spliced.Spans);
    }

    [Fact]
    public void ASpliceNeverCutsASurrogatePair()
    {
        // 😀 (D83D DE00) to 😁 (D83D DE01): the units differ only in the low half; the splice takes the whole pair.
        var page = PageEditor.Apply(Page, new EditLine(2, "第一行正文", "第一行😀正文")) is OperationResult.Applied a ? a.NewState : throw new InvalidOperationException();

        var splice = Assert.Single(SplicedPatchOf(page, new EditLine(2, "第一行😀正文", "第一行😁正文")).TextSplices);

        Assert.Equal("😁", splice.Inserted);
        Assert.Equal(2, splice.Removed);
    }

    [Fact]
    public void Split_SendsTheNewArticlesTextWhole_AndTheOldOnesAsASplice()
    {
        var patch = SplicedPatchOf(Page, new SplitArticle(1, 3));

        Assert.Equal(3, Assert.Single(patch.Texts).Key);
        Assert.Equal(1, Assert.Single(patch.TextSplices).Key);
    }

    [Fact]
    public void TextsKeptBySplices_AreTheServersTexts_AfterEveryOneOfManyRandomOperations()
    {
        // A page of 60 lines in 6 articles, CJK, Latin (hyphenated), 𠀀, 😀 and CRLF, edited by 600 random operations.
        string[] samples = ["内蒙古新闻𠀀", "Die Regie-", "rung hat 😀", "第二行正文。", "", "A line\r\nwith CRLF", "经济发展", "end of it."];
        var lines = Enumerable.Range(1, 60).Select(n => new LineState(n, samples[n % samples.Length], samples[n % samples.Length]));
        var state = new PageState(
            0,
            ImmutableSortedDictionary.CreateRange(lines.Select(l => KeyValuePair.Create(l.Number, l))),
            [.. Enumerable.Range(0, 6).Select(i => new ArticleState(i + 1, $"第{i + 1}篇", ArticleStatus.Draft, [new BlockState(BlockRole.Headline, (i * 10) + 1, (i * 10) + 1), new BlockState(BlockRole.Body, (i * 10) + 2, (i * 10) + 10)]))],
            [],
            7,
            1);
        var texts = EditorState.TextsOf(state, state.Articles.Select(a => a.Key)).ToDictionary(t => t.Key);
        var rng = new Random(20261207);
        var spliced = 0;

        for (var i = 0; i < 600; i++)
        {
            if (PageEditor.Apply(state, RandomOperations.Next(state, rng)) is not OperationResult.Applied applied)
            {
                continue;
            }

            var patch = PagePatch.Of(state, applied.NewState, applied.Changes);
            state = applied.NewState;
            foreach (var key in patch.RemovedArticles)
            {
                texts.Remove(key);
            }

            foreach (var text in patch.Texts)
            {
                texts[text.Key] = text;
            }

            foreach (var splice in patch.TextSplices)
            {
                texts[splice.Key] = splice.ApplyTo(texts[splice.Key]);
                spliced++;
            }

            foreach (var expected in EditorState.TextsOf(state, state.Articles.Select(a => a.Key)))
            {
                Assert.Equal(expected.Text, texts[expected.Key].Text);
                Assert.Equal(expected.Spans, texts[expected.Key].Spans);
            }
        }

        Assert.True(spliced > 200, $"only {spliced} splices");
    }

    [Fact]
    public void LineEdit_CarriesTheJoinedTextOfItsArticleOnly()
    {
        var patch = PatchOf(Page, new EditLine(2, "第一行正文", "第一行正文改"));

        var text = Assert.Single(patch.Texts);
        Assert.Equal(1, text.Key);
        Assert.Contains("第一行正文改", text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_CarriesTheTextsOfBothParts()
    {
        var patch = PatchOf(Page, new SplitArticle(1, 3));

        Assert.Equal([1, 3], patch.Texts.Select(t => t.Key).Order());
    }

    public static TheoryData<PageOperation> EntityOperations => new()
    {
        new AddEntity("ORG", new Anchor(2, 0), new Anchor(2, 2), "第一"),
        new RelabelEntity(1, "LOC", "ORG"),
        new RemoveEntity(1),
    };

    [Theory]
    [MemberData(nameof(EntityOperations))]
    public void EntityOperation_CarriesNoText_ItsArticlesTextCannotChange(PageOperation operation)
    {
        var patch = PatchOf(Page, operation);

        Assert.Empty(patch.Texts);
        Assert.True(patch.Entities.Count + patch.RemovedEntities.Count > 0);
    }
}
