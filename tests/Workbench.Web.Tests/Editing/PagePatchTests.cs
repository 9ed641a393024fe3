using System.Collections.Immutable;
using Workbench.Core.Editing;
using Workbench.Core.Segmentation;
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
